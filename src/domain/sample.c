/* sample.c — generated sample cases. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/ident.h"
#include "bangfu/sample.h"

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜"};
static const char *const given[] = {
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
    "杰", "娟", "涛", "明", "超", "兰", "霞", "平", "刚", "桂", "华", "建", "国", "玉",
    "文", "志", "红", "春", "海", "晓", "燕", "鹏", "辉", "玲", "宇", "欣", "子", "浩"};
static const char *const departments[] = {"一车间", "二车间", "三车间",   "后勤处", "销售部",
                                          "质检科", "运输队", "物业中心", "食堂"};
static const char *const banks[] = {"中国工商银行", "中国农业银行", "中国建设银行", "中国银行",
                                    "天津农商银行"};
static const char *const districts[] = {"110105", "110108", "120101", "120104",
                                        "120116", "130102", "370102", "440106"};

void bf_sample_seed(struct bf_sample *s, uint64_t seed)
{
	s->state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	if (!s->state)
		s->state = 1;
}

uint32_t bf_sample_next(struct bf_sample *s)
{
	/* xorshift64* */
	uint64_t x = s->state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	s->state = x;
	return (uint32_t)((x * 2685821657736338717ULL) >> 32);
}

static uint32_t pick(struct bf_sample *s, uint32_t n)
{
	return bf_sample_next(s) % n;
}

void bf_sample_name(struct bf_sample *s, char *out, size_t n)
{
	const char *sur = surnames[pick(s, BF_ARRAY_LEN(surnames))];
	const char *g1 = given[pick(s, BF_ARRAY_LEN(given))];
	if (pick(s, 3) == 0)
		snprintf(out, n, "%s%s", sur, g1);
	else
		snprintf(out, n, "%s%s%s", sur, g1, given[pick(s, BF_ARRAY_LEN(given))]);
}

void bf_sample_id(struct bf_sample *s, int y, int m, int d, int sex, char out[BF_ID_SZ])
{
	char first17[18];
	int seq = (int)pick(s, 50) * 2 + (sex == 1 ? 1 : 0); /* 0..99, parity = sex */
	snprintf(first17, sizeof first17, "%s%04d%02d%02d%02d%d",
	         districts[pick(s, BF_ARRAY_LEN(districts))], y % 10000, m % 100, d % 100,
	         (int)pick(s, 100), seq % 10);
	snprintf(out, BF_ID_SZ, "%s%c", first17, bf_idcard_check_char(first17));
}

static void person(struct bf_sample *s, struct bf_member *m, int birth_year, int sex,
                   const char *surname)
{
	int mo = 1 + (int)pick(s, 12), d = 1 + (int)pick(s, 28);
	char name[BF_NAME_SZ];
	bf_sample_name(s, name, sizeof name);
	if (surname) {
		/* children take the employee's surname: replace the first character */
		const char *rest = name;
		rest += (unsigned char)rest[0] >= 0xE0 ? 3 : 1;
		snprintf(m->name, sizeof m->name, "%s%s", surname, rest);
	} else {
		bf_strlcpy(m->name, name, sizeof m->name);
	}
	bf_sample_id(s, birth_year, mo, d, sex, m->id_number);
	snprintf(m->birth_date, sizeof m->birth_date, "%04d-%02d-%02d", birth_year, mo, d);
}

static void surname_of(const char *name, char *out, size_t n)
{
	size_t len = (unsigned char)name[0] >= 0xE0 ? 3 : 1;
	if (len >= n)
		len = n - 1;
	memcpy(out, name, len);
	out[len] = '\0';
}

void bf_sample_case(struct bf_sample *s, int year, int kind, struct bf_case *c)
{
	bf_case_init(c, year);
	struct bf_member *e = &c->members[0];
	int age = 30 + (int)pick(s, 25);
	int esex = 1 + (int)pick(s, 2);
	person(s, e, year - age, esex, NULL);
	e->marital = BF_MAR_MARRIED;
	e->status = BF_ST_EMPLOYED;
	e->proof = BF_PROOF_EMPLOYER;
	e->insurance = BF_INS_EMPLOYEE;
	e->monthly_income = (bf_fen)(150000 + pick(s, 250000));
	char sur[8];
	surname_of(e->name, sur, sizeof sur);

	bf_strlcpy(c->department, departments[pick(s, BF_ARRAY_LEN(departments))],
	           sizeof c->department);
	bf_strlcpy(c->ethnicity, pick(s, 10) ? "汉族" : "回族", sizeof c->ethnicity);
	bf_strlcpy(c->political_status, pick(s, 4) ? "群众" : "中共党员",
	           sizeof c->political_status);
	snprintf(c->phone, sizeof c->phone, "13%d%08u", 5 + (int)pick(s, 5), pick(s, 100000000));
	snprintf(c->address, sizeof c->address, "某某区幸福路%u号%u单元%u室", 1 + pick(s, 200),
	         1 + pick(s, 6), 101 + pick(s, 600));
	bf_strlcpy(c->bank_name, banks[pick(s, BF_ARRAY_LEN(banks))], sizeof c->bank_name);
	bf_strlcpy(c->bank_branch, "幸福路支行", sizeof c->bank_branch);
	{
		/* a 19-digit card that passes Luhn */
		char card[20];
		snprintf(card, sizeof card, "622202%06u%06u", pick(s, 1000000), pick(s, 1000000));
		int sum = 0;
		for (int i = 17, dbl = 1; i >= 0; i--, dbl = !dbl) {
			int dgt = card[i] - '0';
			if (dbl) {
				dgt *= 2;
				if (dgt > 9)
					dgt -= 9;
			}
			sum += dgt;
		}
		card[18] = (char)('0' + (10 - sum % 10) % 10);
		card[19] = '\0';
		bf_strlcpy(c->bank_card, card, sizeof c->bank_card);
	}
	bf_strlcpy(c->family_situation, "夫妻二人，一子在读，住房为单位旧房。",
	           sizeof c->family_situation);
	bf_strlcpy(c->state_of_mind, "积极乐观，希望尽快渡过难关。", sizeof c->state_of_mind);
	bf_strlcpy(c->skills, "电工证，熟悉设备维修。", sizeof c->skills);
	bf_strlcpy(c->employment_wish, "希望配偶能找到稳定工作。", sizeof c->employment_wish);
	c->primary_cause = BF_CAUSE_LAID_OFF;

	struct bf_member *m;
	switch (kind % 8) {
	case 0: /* poor household: unemployed spouse without proof, a student */
		m = bf_case_add_member(c, BF_REL_SPOUSE);
		person(s, m, year - age + 2, esex == 1 ? 2 : 1, NULL);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_UNEMPLOYED;
		m->proof = BF_PROOF_NONE;
		m = bf_case_add_member(c, BF_REL_CHILD);
		person(s, m, year - 12, 1 + (int)pick(s, 2), sur);
		m->status = BF_ST_STUDENT;
		bf_strlcpy(m->school_or_employer, "某某区实验小学", sizeof m->school_or_employer);
		e->monthly_income = (bf_fen)(200000 + pick(s, 150000));
		c->primary_cause = BF_CAUSE_UNEMPLOYED_ABLE;
		c->secondary_causes[0] = BF_CAUSE_SCHOOLING;
		break;
	case 1: /* major illness diagnosed this year */
		m = bf_case_add_member(c, BF_REL_SPOUSE);
		person(s, m, year - age, esex == 1 ? 2 : 1, NULL);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_SICK_LEAVE;
		m->proof = BF_PROOF_EMPLOYER;
		m->health = BF_HEALTH_MAJOR;
		bf_strlcpy(m->disease, pick(s, 2) ? "乳腺癌" : "尿毒症", sizeof m->disease);
		m->diagnosis_year = year;
		m->monthly_income = (bf_fen)(150000 + pick(s, 100000));
		m = bf_case_add_member(c, BF_REL_CHILD);
		person(s, m, year - 8, 1 + (int)pick(s, 2), sur);
		m->status = BF_ST_STUDENT;
		c->primary_cause = BF_CAUSE_MAJOR_ILLNESS;
		c->medical_cost_year = (bf_fen)(3000000 + pick(s, 5000000));
		break;
	case 2: /* illness in an earlier year, high medical costs */
		e->health = BF_HEALTH_MAJOR;
		bf_strlcpy(e->disease, "脑梗塞后遗症", sizeof e->disease);
		e->diagnosis_year = year - 2;
		e->status = BF_ST_SICK_LEAVE;
		m = bf_case_add_member(c, BF_REL_SPOUSE);
		person(s, m, year - age, esex == 1 ? 2 : 1, NULL);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_RETIRED;
		m->proof = BF_PROOF_PENSION;
		m->monthly_income = (bf_fen)(250000 + pick(s, 100000));
		c->primary_cause = BF_CAUSE_MAJOR_ILLNESS;
		c->medical_cost_year = (bf_fen)(1200000 + pick(s, 2000000));
		break;
	case 3: /* sudden disaster */
		m = bf_case_add_member(c, BF_REL_SPOUSE);
		person(s, m, year - age, esex == 1 ? 2 : 1, NULL);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_EMPLOYED;
		m->proof = BF_PROOF_EMPLOYER;
		m->monthly_income = (bf_fen)(300000 + pick(s, 200000));
		c->disaster_loss = (bf_fen)(2500000 + pick(s, 5000000));
		c->accident_year = year;
		c->primary_cause = BF_CAUSE_NATURAL_DISASTER;
		bf_strlcpy(c->hardship_cause_text, "今年夏季暴雨致房屋倒塌，家具家电全部损毁。",
		           sizeof c->hardship_cause_text);
		break;
	case 4: /* divorced single parent */
		e->marital = BF_MAR_DIVORCED;
		c->single_parent = true;
		m = bf_case_add_member(c, BF_REL_CHILD);
		person(s, m, year - 10, 1 + (int)pick(s, 2), sur);
		m->status = BF_ST_STUDENT;
		e->monthly_income = (bf_fen)(250000 + pick(s, 100000));
		c->primary_cause = BF_CAUSE_OTHER;
		c->secondary_causes[0] = BF_CAUSE_SCHOOLING;
		break;
	case 5: /* unmarried, living with retired parents, one disabled */
		e->marital = BF_MAR_UNMARRIED;
		e->monthly_income = (bf_fen)(220000 + pick(s, 60000));
		m = bf_case_add_member(c, BF_REL_FATHER);
		person(s, m, year - age - 28, 1, sur);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_RETIRED;
		m->proof = BF_PROOF_PENSION;
		m->monthly_income = (bf_fen)(180000 + pick(s, 50000));
		m->disability = BF_DIS_PHYSICAL;
		m->disability_grade = 2;
		m = bf_case_add_member(c, BF_REL_MOTHER);
		person(s, m, year - age - 26, 2, NULL);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_NO_CAPACITY;
		m->health = BF_HEALTH_ILL;
		c->primary_cause = BF_CAUSE_NO_CAPACITY;
		break;
	case 6: /* married, employee's parents listed but not counted, married child */
		e->monthly_income = (bf_fen)(160000 + pick(s, 80000));
		m = bf_case_add_member(c, BF_REL_SPOUSE);
		person(s, m, year - age, esex == 1 ? 2 : 1, NULL);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_LAID_OFF;
		m->proof = BF_PROOF_EMPLOYER;
		m->monthly_income = (bf_fen)(80000 + pick(s, 50000));
		m = bf_case_add_member(c, BF_REL_FATHER);
		person(s, m, year - age - 27, 1, sur);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_RETIRED;
		m->proof = BF_PROOF_PENSION;
		m->monthly_income = 320000;
		m = bf_case_add_member(c, BF_REL_CHILD);
		person(s, m, year - 19, 1 + (int)pick(s, 2), sur);
		m->status = BF_ST_STUDENT;
		bf_strlcpy(m->school_or_employer, "某某职业技术学院", sizeof m->school_or_employer);
		c->primary_cause = BF_CAUSE_LAID_OFF;
		break;
	default: /* several children */
		m = bf_case_add_member(c, BF_REL_SPOUSE);
		person(s, m, year - age, esex == 1 ? 2 : 1, NULL);
		m->marital = BF_MAR_MARRIED;
		m->status = BF_ST_MIGRANT;
		m->proof = BF_PROOF_EMPLOYER;
		m->monthly_income = (bf_fen)(100000 + pick(s, 80000));
		for (int k = 0; k < 3; k++) {
			m = bf_case_add_member(c, BF_REL_CHILD);
			person(s, m, year - 6 - 3 * k, 1 + (int)pick(s, 2), sur);
			m->status = k == 0 ? BF_ST_PRESCHOOL : BF_ST_STUDENT;
		}
		c->primary_cause = BF_CAUSE_SCHOOLING;
		break;
	}
}
