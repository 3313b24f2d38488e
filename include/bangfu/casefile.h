/* casefile.h — the hardship file form (困难职工档案表) as plain C data.
 *
 * Pure domain code: no curses, no SQL. Storage maps these structs to tables;
 * the UI edits them; eligibility.h and documents.h compute from them.
 *
 * Every enum is declared by an X-macro list X(ID, "code", "English label",
 * "中文"). The code is what the database and CSV files store; the English
 * label is the gettext msgid shown in the UI; the Chinese text is accepted as
 * input in CSV files (and is the zh_CN translation of the label).
 */
#ifndef BANGFU_CASEFILE_H
#define BANGFU_CASEFILE_H

#include "bangfu/common.h"
#include "bangfu/date.h"

#define BF_RELATIONS(X)                                                                 \
	X(REL_SELF, "self", N_("Employee (self)"), "本人")                              \
	X(REL_SPOUSE, "spouse", N_("Spouse"), "配偶")                                   \
	X(REL_CHILD, "child", N_("Child"), "子女")                                      \
	X(REL_FATHER, "father", N_("Father"), "父亲")                                   \
	X(REL_MOTHER, "mother", N_("Mother"), "母亲")                                   \
	X(REL_FATHER_IN_LAW, "father_in_law", N_("Father-in-law"), "岳父/公公")         \
	X(REL_MOTHER_IN_LAW, "mother_in_law", N_("Mother-in-law"), "岳母/婆婆")         \
	X(REL_SIBLING, "sibling", N_("Brother or sister"), "兄弟姐妹")                  \
	X(REL_CHILD_IN_LAW, "child_in_law", N_("Son- or daughter-in-law"), "儿媳/女婿") \
	X(REL_GRANDCHILD, "grandchild", N_("Grandchild"), "孙子女")                     \
	X(REL_GRANDPARENT, "grandparent", N_("Grandparent"), "祖父母")                  \
	X(REL_OTHER, "other", N_("Other relative"), "其他")

#define BF_MARITALS(X)                                         \
	X(MAR_UNMARRIED, "unmarried", N_("Unmarried"), "未婚") \
	X(MAR_MARRIED, "married", N_("Married"), "已婚")       \
	X(MAR_DIVORCED, "divorced", N_("Divorced"), "离异")    \
	X(MAR_WIDOWED, "widowed", N_("Widowed"), "丧偶")

/* What a household member does; decides the income proof required. */
#define BF_STATUSES(X)                                                                \
	X(ST_EMPLOYED, "employed", N_("Employed"), "在岗")                            \
	X(ST_LAID_OFF, "laid_off", N_("Laid off"), "下岗")                            \
	X(ST_UNEMPLOYED, "unemployed", N_("Unemployed"), "失业")                      \
	X(ST_RETIRED, "retired", N_("Retired"), "退休")                               \
	X(ST_SICK_LEAVE, "sick_leave", N_("On sick leave"), "病休")                   \
	X(ST_EARLY_RETIRED, "early_retired", N_("Internal early retirement"), "内退") \
	X(ST_MIGRANT, "migrant", N_("Migrant worker"), "农民工")                      \
	X(ST_CUSTODY, "custody", N_("In a custody centre"), "托管")                   \
	X(ST_STUDENT, "student", N_("Student"), "学生")                               \
	X(ST_PRESCHOOL, "preschool", N_("Pre-school child"), "学龄前")                \
	X(ST_NO_CAPACITY, "no_capacity", N_("Unable to work"), "无劳动能力")

#define BF_HEALTHS(X)                                                      \
	X(HEALTH_GOOD, "good", N_("Healthy"), "健康")                      \
	X(HEALTH_ILL, "ill", N_("General or chronic illness"), "一般疾病") \
	X(HEALTH_MAJOR, "major", N_("Major illness"), "重大疾病")

#define BF_DISABILITIES(X)                                                  \
	X(DIS_NONE, "none", N_("None"), "无")                               \
	X(DIS_VISUAL, "visual", N_("Visual"), "视力残疾")                   \
	X(DIS_HEARING, "hearing", N_("Hearing"), "听力残疾")                \
	X(DIS_SPEECH, "speech", N_("Speech"), "言语残疾")                   \
	X(DIS_PHYSICAL, "physical", N_("Physical"), "肢体残疾")             \
	X(DIS_INTELLECTUAL, "intellectual", N_("Intellectual"), "智力残疾") \
	X(DIS_MENTAL, "mental", N_("Mental"), "精神残疾")                   \
	X(DIS_MULTIPLE, "multiple", N_("Multiple"), "多重残疾")

#define BF_HUKOUS(X)                                                  \
	X(HUKOU_NONAGRI, "nonagri", N_("Non-agricultural"), "非农业") \
	X(HUKOU_AGRI, "agri", N_("Agricultural"), "农业")             \
	X(HUKOU_CONVERTED, "converted", N_("Agricultural to resident"), "农转居")

#define BF_INSURANCES(X)                                                          \
	X(INS_NONE, "none", N_("No medical insurance"), "无医保")                 \
	X(INS_EMPLOYEE, "employee", N_("Employee medical insurance"), "职工医保") \
	X(INS_RESIDENT, "resident", N_("Resident medical insurance"), "居民医保") \
	X(INS_OTHER, "other", N_("Other insurance"), "其他医保")

/* Proof of a member's income. PROOF_NONE for an unemployed spouse or child
 * means the minimum wage is imputed. */
#define BF_PROOFS(X)                                                                               \
	X(PROOF_NONE, "none", N_("No proof"), "无证明")                                            \
	X(PROOF_EMPLOYER, "employer", N_("Employer's income certificate"), "单位收入证明")         \
	X(PROOF_PENSION, "pension", N_("Pension passbook"), "退休证及养老金存折")                  \
	X(PROOF_CUSTODY, "custody", N_("Custody centre's income certificate"), "托管中心收入证明") \
	X(PROOF_UNEMPLOYMENT, "unemployment", N_("Unemployment or community certificate"),         \
	  "失业证或社区证明")                                                                      \
	X(PROOF_OTHER, "other", N_("Other proof"), "其他证明")

/* Causes of hardship, as the national system lists them. */
#define BF_CAUSES(X)                                                                         \
	X(CAUSE_NO_CAPACITY, "no_capacity", N_("No capacity to work"), "无劳动能力")         \
	X(CAUSE_UNEMPLOYED_ABLE, "unemployed_able", N_("Able to work but unemployed"),       \
	  "有劳动能力但失业")                                                                \
	X(CAUSE_LAID_OFF, "laid_off", N_("Laid off or unemployed"), "下岗失业")              \
	X(CAUSE_NO_INSURANCE, "no_insurance", N_("No social insurance"), "未参加社会保险")   \
	X(CAUSE_INSURANCE_UNPAID, "insurance_unpaid", N_("Social insurance not paid"),       \
	  "社会保险待遇未落实")                                                              \
	X(CAUSE_MAJOR_ILLNESS, "major_illness", N_("Major illness in the family"), "患大病") \
	X(CAUSE_NATURAL_DISASTER, "natural_disaster", N_("Natural disaster"), "因灾")        \
	X(CAUSE_ACCIDENT, "accident", N_("Accident"), "因意外")                              \
	X(CAUSE_SCHOOLING, "schooling", N_("Children's schooling"), "子女上学")              \
	X(CAUSE_OTHER, "other", N_("Other"), "其他")

#define BF_WORK_STATUSES BF_STATUSES

#define BF_ENUM_ID(id, code, en, zh) BF_##id,
enum bf_relation { BF_RELATIONS(BF_ENUM_ID) BF_REL_COUNT };
enum bf_marital { BF_MARITALS(BF_ENUM_ID) BF_MAR_COUNT };
enum bf_status { BF_STATUSES(BF_ENUM_ID) BF_ST_COUNT };
enum bf_health { BF_HEALTHS(BF_ENUM_ID) BF_HEALTH_COUNT };
enum bf_disability { BF_DISABILITIES(BF_ENUM_ID) BF_DIS_COUNT };
enum bf_hukou { BF_HUKOUS(BF_ENUM_ID) BF_HUKOU_COUNT };
enum bf_insurance { BF_INSURANCES(BF_ENUM_ID) BF_INS_COUNT };
enum bf_proof { BF_PROOFS(BF_ENUM_ID) BF_PROOF_COUNT };
enum bf_cause { BF_CAUSES(BF_ENUM_ID) BF_CAUSE_COUNT };
#undef BF_ENUM_ID
#define BF_CAUSE_NONE (-1)

/* One row of an enum table: code, English msgid, Chinese alias. */
struct bf_enum_info {
	const char *code;
	const char *label; /* English msgid: show with _(label) */
	const char *zh;
};

/* The tables, indexed by the enum value. */
enum bf_enum_kind {
	BF_ENUM_RELATION,
	BF_ENUM_MARITAL,
	BF_ENUM_STATUS,
	BF_ENUM_HEALTH,
	BF_ENUM_DISABILITY,
	BF_ENUM_HUKOU,
	BF_ENUM_INSURANCE,
	BF_ENUM_PROOF,
	BF_ENUM_CAUSE,
	BF_ENUM_KIND_COUNT
};
const struct bf_enum_info *bf_enum_table(enum bf_enum_kind kind, size_t *count);
/* Both give "" for a value outside the table (BF_CAUSE_NONE included). */
const char *bf_enum_code(enum bf_enum_kind kind, int value);
const char *bf_enum_label(enum bf_enum_kind kind, int value); /* translated */
/* Accepts the code, the English label (both ASCII case-insensitive), the
 * Chinese text or either half of "岳父/公公", or the translated label;
 * surrounding white space is ignored. -1 if unknown. */
int bf_enum_parse(enum bf_enum_kind kind, const char *text);

#define BF_MAX_MEMBERS 16
#define BF_MAX_SECONDARY_CAUSES 3

/* Field sizes in bytes, UTF-8, including the NUL. */
#define BF_NAME_SZ 64
#define BF_TEXT_SZ 128
#define BF_LONG_SZ 512
#define BF_ID_SZ 19
#define BF_CARD_SZ 20
#define BF_PHONE_SZ 24
#define BF_DATE_SZ 11

/* A household member. Member 0 of a case is always the employee (REL_SELF). */
struct bf_member {
	int64_t id; /* storage row id; 0 while unsaved */
	char name[BF_NAME_SZ];
	enum bf_relation relation;
	char id_number[BF_ID_SZ];
	char birth_date[BF_DATE_SZ]; /* ISO date, may be empty */
	enum bf_marital marital;
	enum bf_status status;
	char school_or_employer[BF_TEXT_SZ];
	enum bf_health health;
	char disease[BF_TEXT_SZ]; /* major-disease type / diagnosis */
	int diagnosis_year;       /* year a major illness was diagnosed; 0 = unknown */
	enum bf_disability disability;
	int disability_grade; /* 1..4, 0 when none */
	enum bf_insurance insurance;
	enum bf_hukou hukou;
	bf_fen monthly_income; /* fen per month */
	enum bf_proof proof;
	/* Counting override: 0 = follow the rules, 1 = count, -1 = do not count.
	 * An override needs a reason. */
	int count_override;
	char count_reason[BF_TEXT_SZ];
};

/* The file form. Text fields are UTF-8; empty string = not filled in. */
struct bf_case {
	int64_t id;      /* storage row id; 0 while unsaved */
	char number[32]; /* file number, e.g. "2026-0001" */
	int year;        /* assistance year: settings and "this year" rules */
	char status[24]; /* workflow state code (see workflow.h); "draft" when new */
	/* the row's revision when loaded or saved (0 while unsaved): a save
	 * states it and is refused when the file has moved on meanwhile */
	int64_t revision;

	/* identity of the employee (name, ID, birth, marital, status, health,
	 * disability are members[0]) */
	char ethnicity[BF_NAME_SZ];
	char political_status[BF_NAME_SZ];
	char phone[BF_PHONE_SZ];
	char postcode[8];
	char address[BF_LONG_SZ];
	char work_start[BF_DATE_SZ];
	char industry[BF_NAME_SZ];
	char department[BF_TEXT_SZ]; /* unit department (部门/车间) */
	char employer[BF_TEXT_SZ];
	char employer_type[BF_NAME_SZ];
	char enterprise_status[BF_NAME_SZ];
	char model_worker[BF_NAME_SZ]; /* model-worker level, empty = none */
	char housing_type[BF_NAME_SZ];
	int housing_area_m2; /* square metres */
	bool single_parent;
	bool zero_employment; /* 零就业家庭 */

	/* income beyond the members' monthly incomes, per year (rent, subsidies) */
	bf_fen other_income_year;

	/* hardship facts */
	int accident_year;        /* year of a major accident/disaster (意外伤害); 0 none */
	bf_fen medical_cost_year; /* out-of-pocket medical cost this year */
	bf_fen disaster_loss;     /* direct economic loss from a sudden disaster */

	int primary_cause;                             /* enum bf_cause, or BF_CAUSE_NONE */
	int secondary_causes[BF_MAX_SECONDARY_CAUSES]; /* BF_CAUSE_NONE when unused */

	/* the five clears (五清) */
	char family_situation[BF_LONG_SZ];
	char hardship_cause_text[BF_LONG_SZ];
	char state_of_mind[BF_LONG_SZ];
	char skills[BF_LONG_SZ];
	char employment_wish[BF_LONG_SZ];

	/* bank: aid is paid to the employee's own card */
	char bank_name[BF_TEXT_SZ];
	char bank_branch[BF_TEXT_SZ]; /* 开户行 */
	char bank_card[BF_CARD_SZ];

	/* sign-off (names; dates ISO) */
	char created_by[BF_NAME_SZ];
	char reviewed_by[BF_NAME_SZ];
	char keyed_by[BF_NAME_SZ];
	char unit_opinion[BF_LONG_SZ];
	char union_opinion[BF_LONG_SZ];

	size_t n_members;
	struct bf_member members[BF_MAX_MEMBERS];
};

/* A fresh case: one member (the employee), status "draft", causes none. */
void bf_case_init(struct bf_case *c, int year);
void bf_member_init(struct bf_member *m, enum bf_relation rel);
/* What is usually true of a member, from what is known, for the form to
 * start from (the clerk changes it when it is not so): a child under 16 is
 * at school from 6, not yet before (BF_ST_COUNT: nothing to suggest, the
 * birth date unknown or 16 and over); the income proof that goes with a
 * work status (an employer's certificate for who works, the pension
 * passbook for who is retired, the unemployment certificate for who is
 * out of work, none for a child). */
enum bf_status bf_member_usual_status(const char *birth_date, bf_date today);
enum bf_proof bf_member_usual_proof(enum bf_status status);
/* Add a member at the end; returns it, or NULL when the household is full. */
struct bf_member *bf_case_add_member(struct bf_case *c, enum bf_relation rel);
/* Remove member i (i >= 1; the employee cannot be removed). */
bool bf_case_remove_member(struct bf_case *c, size_t i);
/* Move member i up (-1) or down (+1); the employee stays first. */
bool bf_case_move_member(struct bf_case *c, size_t i, int delta);

/* Validate the form as a whole for saving: every problem names its field,
 * e.g. "Member 2 (李四): ID number: check character should be X". Returns the
 * number of problems written into msgs (each up to 256 bytes), at most max.
 * today may be BF_DATE_NONE (no "in the future" checks). A bank card that
 * only fails the Luhn test is not a problem here: ask the user instead. */
size_t bf_case_validate(const struct bf_case *c, bf_date today, char (*msgs)[256], size_t max);

/* A save refused because the file moved on (another operator saved it, or a
 * review or workflow step changed it): three-way merge of what the form was
 * loaded from (base), what was typed (mine) and the file as it is now
 * (theirs) into out. out starts as theirs (its id, number, state and
 * revision); a field only the typist changed takes the typed value; a field
 * only the other side changed keeps theirs; a field both changed to
 * different values is a conflict: out takes the typed value when mine_wins,
 * else theirs. Household members are merged member by member and field by
 * field while both sides kept the same members in the same order; otherwise
 * the list is one field. Returns the number of conflicts; the first max are
 * described in ch (labels and values translated, for the screen). */
struct bf_case_change {
	char field[128];  /* "Phone", "李四: Monthly income" */
	char theirs[256]; /* the value now in the file */
	char yours[256];  /* the value typed */
};
size_t bf_case_merge(const struct bf_case *base, const struct bf_case *mine,
                     const struct bf_case *theirs, bool mine_wins, struct bf_case *out,
                     struct bf_case_change *ch, size_t max);

#endif
