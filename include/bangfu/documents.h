/* documents.h — the required documents (材料清单) that follow from a case's
 * facts (pure domain code). Each item has a stable key so that re-deriving
 * after the facts change keeps the status of items that still apply. */
#ifndef BANGFU_DOCUMENTS_H
#define BANGFU_DOCUMENTS_H

#include "bangfu/casefile.h"
#include "bangfu/eligibility.h"

#define BF_DOCUMENTS(X)                                                                            \
	X(DOC_FORM, "form",                                                                        \
	  N_("Completed hardship file form with the employee's own bank card and bank"),           \
	  "填写完整的《困难职工档案表》(含本人银行卡号及开户行)")                                  \
	X(DOC_ID_COPY, "id_copy", N_("ID card copy"), "身份证复印件")                              \
	X(DOC_HUKOU, "hukou", N_("Household register copy"), "户口本复印件")                       \
	X(DOC_DISASTER_PROOF, "disaster_proof",                                                    \
	  N_("Proof of the accident or disaster from the fire brigade, police or residents' "      \
	     "committee"),                                                                         \
	  "消防、公安部门或居委会出具的意外灾害证明")                                              \
	X(DOC_DISASTER_STATEMENT, "disaster_statement",                                            \
	  N_("Employee's written statement of the accident or disaster (alternative)"),            \
	  "职工本人书面说明(替代材料)")                                                            \
	X(DOC_DISASTER_INVESTIGATION, "disaster_investigation",                                    \
	  N_("Union's investigation note stamped with the company seal (alternative)"),            \
	  "企业工会调查说明并加盖企业公章(替代材料)")                                              \
	X(DOC_RETIREMENT, "retirement", N_("Retirement certificate and pension passbook"),         \
	  "退休证及领取养老金银行存折")                                                            \
	X(DOC_INCOME_EMPLOYER, "income_employer", N_("Income certificate from the employer"),      \
	  "所在单位出具的收入证明")                                                                \
	X(DOC_INCOME_CUSTODY, "income_custody", N_("Income certificate from the custody centre"),  \
	  "托管中心出具的收入证明")                                                                \
	X(DOC_UNEMPLOYMENT, "unemployment",                                                        \
	  N_("Unemployment certificate or certificate from the residents' committee or "           \
	     "sub-district office"),                                                               \
	  "失业证或居委会、街道办事处出具的证明")                                                  \
	X(DOC_STUDENT_ID, "student_id", N_("Student ID card"), "学生证")                           \
	X(DOC_DISABILITY, "disability", N_("Disability certificate"), "残疾证")                    \
	X(DOC_DIVORCE, "divorce", N_("Divorce certificate"), "离婚证")                             \
	X(DOC_DIAGNOSIS, "diagnosis",                                                              \
	  N_("This year's diagnosis certificate from a county-level or higher hospital, with its " \
	     "diagnosis seal"),                                                                    \
	  "本年度县区级以上医院加盖诊断证明章的诊断证明书")                                        \
	X(DOC_MEDICAL_RECORDS, "medical_records", N_("Medical records"), "病历")                   \
	X(DOC_MEDICAL_RECEIPTS, "medical_receipts", N_("Medical expense receipts"), "医药费单据")

#define BF_DOC_ID(id, code, en, zh) BF_##id,
enum bf_doc_kind { BF_DOCUMENTS(BF_DOC_ID) BF_DOC_COUNT };
#undef BF_DOC_ID

const char *bf_doc_code(enum bf_doc_kind k);
const char *bf_doc_label(enum bf_doc_kind k); /* translated */
/* The Chinese name, for printed forms and handouts whatever the UI language. */
const char *bf_doc_zh(enum bf_doc_kind k);
int bf_doc_parse(const char *code); /* -1 if unknown */

struct bf_required_doc {
	enum bf_doc_kind kind;
	int member; /* index into the case's members, -1 for the household */
	/* Stable key: "<code>" or "<code>:<member key>", where the member key is
	 * the member's storage id, or "i<index>" while unsaved. */
	char key[64];
	/* Alternatives: items with the same non-zero group satisfy the same
	 * requirement; group_pair marks items that must all be present together
	 * (the disaster statement + investigation note). */
	int alt_group;
	bool pair_member;
	char why[256]; /* why it is needed, e.g. "李四 is retired" (translated) */
};

/* Derive the required documents. Returns the count written (at most max).
 * a may be NULL: the household is then counted here. The divorce
 * certificate is a member item of the employee ("divorce:<id>"). */
size_t bf_required_documents(const struct bf_case *c, const struct bf_assessment *a,
                             struct bf_required_doc *out, size_t max);

#endif
