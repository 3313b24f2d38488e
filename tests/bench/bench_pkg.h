/* bench_pkg.h — the benchmarks' units' submission packages: realistic
 * cases (the form, about three members, causes, the checklist, review,
 * publicity and history) as a unit's package carries them, signed and
 * sealed to a district. Include after a die(what, msg). */
#ifndef BANGFU_BENCH_PKG_H
#define BANGFU_BENCH_PKG_H

#include <jansson.h>
#include <string.h>

#include "bangfu/package.h"

static const char *const surnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"};
static const char *const given[] = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇"};

static void id_for(unsigned n, char out[19])
{
	snprintf(out, 19, "3301%02u19%02u%02u%02u%04u", n % 90 + 10, 50 + n % 40, n % 12 + 1,
	         n % 28 + 1, n % 10000);
	out[17] = "0123456789X"[n % 11];
	out[18] = '\0';
}

static json_t *make_case(unsigned seq, unsigned i)
{
	char number[32], name[32], id[19], buf[64];
	snprintf(number, sizeof number, "2026-%05u", seq + 1);
	snprintf(name, sizeof name, "%s%s%s", surnames[i % 10], given[(i / 10) % 10],
	         given[(i / 100) % 10]);
	id_for(i * 3 + 1, id);
	json_t *members = json_array();
	unsigned nm = 2 + i % 3; /* 2..4, about three */
	for (unsigned m = 0; m < nm; m++) {
		char mid[19], mname[32];
		id_for(i * 3 + 1 + m * 7919, mid);
		snprintf(mname, sizeof mname, "%s%s", m ? surnames[(i + m) % 10] : name,
		         m ? given[(i + m) % 10] : "");
		json_array_append_new(
		    members, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:b, s:s}",
		                       "name", m ? mname : name, "relation",
		                       m == 0   ? "self"
		                       : m == 1 ? "spouse"
		                                : "child",
		                       "id_number", m == 0 ? id : mid, "marital",
		                       m < 2 ? "married" : "single", "status",
		                       m == 0   ? "laid_off"
		                       : m == 1 ? "employed"
		                                : "student",
		                       "health", m % 2 ? "healthy" : "chronic", "monthly_income",
		                       (json_int_t)(m == 2 ? 0 : 150000 + (i % 7) * 10000),
		                       "income_proof", "单位收入证明", "employer",
		                       m == 1 ? "某某超市" : "", "disabled", m == 3, "note", ""));
	}
	json_t *form = json_object();
	static const char *const text_fields[] = {
	    "gender",          "ethnicity",     "politics",         "education",
	    "phone",           "bank_card",     "bank_name",        "address",
	    "housing",         "hukou",         "work_years",       "position",
	    "union_member_no", "health_detail", "insurance",        "hardship_detail",
	    "applicant_sign",  "intake_date",   "intake_by",        "other_aid",
	    "house_area",      "vehicle",       "savings",          "debts",
	    "medical_costs",   "school_costs",  "community_opinion"};
	for (size_t k = 0; k < sizeof text_fields / sizeof *text_fields; k++) {
		snprintf(buf, sizeof buf, "%s-%u", text_fields[k], i % 97);
		json_object_set_new(form, text_fields[k], json_string(buf));
	}
	json_object_set_new(form, "number", json_string(number));
	json_object_set_new(form, "name", json_string(name));
	json_object_set_new(form, "other_income_year", json_integer((json_int_t)(i % 5) * 100000));
	json_object_set_new(form, "monthly_total", json_integer(300000 + (json_int_t)i % 1000));
	json_t *checklist = json_array();
	static const char *const docs[] = {"id_card", "hukou",  "income",   "medical",
	                                   "housing", "school", "disabled", "other"};
	for (size_t k = 0; k < 8; k++)
		json_array_append_new(
		    checklist, json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s}", "key", docs[k],
		                         "name", docs[k], "status", k < 6 ? "received" : "waived",
		                         "date", "2026-11-02", "copies", 1, "note", "", "reason",
		                         k < 6 ? "" : "不适用"));
	json_t *history = json_array();
	static const char *const states[] = {"draft",     "docs_complete",    "approved",
	                                     "publicity", "publicity_passed", "submitted"};
	for (size_t k = 1; k < 6; k++)
		json_array_append_new(history,
		                      json_pack("{s:s, s:s, s:s, s:s, s:s}", "at",
		                                "2026-11-20T10:00:00Z", "actor", "clerk", "from",
		                                states[k - 1], "to", states[k], "reason", ""));
	int cat = (int)(i % 5) + 1;
	json_int_t amount = 100000 + (json_int_t)(i % 20) * 10000;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:i, s:s, s:o, s:o,"
	                 " s:[{s:s, s:s}], s:o, s:{s:s, s:i, s:I, s:s, s:s, s:s, s:s},"
	                 " s:{s:i, s:s, s:s, s:s}, s:o}",
	                 "number", number, "name", name, "id_number", id, "department", "第三车间",
	                 "employer", "某某机械有限公司", "category", cat, "amount", amount,
	                 "per_capita", (json_int_t)(50000 + i % 30000), "household_size", (int)nm,
	                 "status", "submitted", "form", form, "members", members, "causes", "cause",
	                 "illness", "note", "长期慢性病", "checklist", checklist, "review",
	                 "decision", "approve", "category", cat, "amount", amount, "reviewer",
	                 "reviewer", "date", "2026-11-25", "meeting_ref", "工会会议2026-11",
	                 "reason", "", "publicity", "round", 1, "start", "2026-12-01", "end",
	                 "2026-12-07", "status", "passed", "history", history);
}

/* The content of unit code's n cases (JSON), numbered from 2026-00001,
 * their people the generator's from number `first` on. */
static char *make_content(const char *code, const char *unit_name, unsigned first, unsigned n)
{
	json_t *cases = json_array();
	for (unsigned i = 0; i < n; i++)
		json_array_append_new(cases, make_case(i, first + i));
	json_t *root =
	    json_pack("{s:s, s:i, s:{s:s, s:s, s:s, s:s}, s:{s:s, s:i, s:s, s:s},"
	              " s:[{s:i, s:s, s:s, s:s, s:s}], s:o}",
	              "format", "bangfu-submission", "version", 1, "unit", "code", code, "name",
	              unit_name, "contact", "王干事", "phone", "0571-88888888", "batch", "id",
	              "2026-01", "revision", 1, "created", "2026-12-20T09:30:00Z", "created_by",
	              "admin", "reports", "round", 1, "start", "2026-12-01", "end", "2026-12-07",
	              "place", "厂务公开栏", "text", "公示期间无异议。", "cases", cases);
	char *content = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	return content;
}

/* The package of that content signed with sk and sealed to to_pk (the
 * district database's key). */
static char *make_package(const char *content, const char *code, const char *unit_name, unsigned n,
                          const uint8_t sk[64], const uint8_t to_pk[32], size_t *len)
{
	struct bf_pkg_header h = {.version = BF_PKG_VERSION,
	                          .kind = "submission",
	                          .to_code = "D01",
	                          .to_name = "某某区总工会",
	                          .batch = "2026-01",
	                          .revision = 1,
	                          .created = "2026-12-20T09:30:00Z",
	                          .cases = n,
	                          .full_numbers = true,
	                          .audit_rows = 1};
	bf_strlcpy(h.from_code, code, sizeof h.from_code);
	bf_strlcpy(h.from_name, unit_name, sizeof h.from_name);
	char *out;
	bf_error err = {{0}};
	if (bf_pkg_seal(&h, content, strlen(content), sk, to_pk, &out, len, &err) != 0)
		die("seal", err.msg);
	return out;
}

#endif
