/* consolation.h — standing consolation standards of a unit union (慰问标准)
 * and the rules for recording one event for an employee (pure domain code).
 *
 * The seed's standards (one union's, all editable per year):
 *   employee hospitalised                 500 yuan; several stays in one
 *                                         year are at the union's discretion
 *   employee marries                      500 yuan gift
 *   employee's birthday                   a cake, about 100 yuan
 *   an immediate relative dies            500 yuan and a wreath
 *   the employee dies                     per the superior union's rules
 *                                         (amount entered by hand)
 *   a family member hospitalised, or a    500 yuan
 *   major accident at home
 * Money may be paid as cash or as gifts of the same value.
 *
 * Immediate relatives (直系亲属): spouse, parents or parents-in-law,
 * children, children-in-law. */
#ifndef BANGFU_CONSOLATION_H
#define BANGFU_CONSOLATION_H

#include "bangfu/casefile.h"
#include "bangfu/common.h"
#include "bangfu/date.h"

/* X(ID, "code", "English label", "中文") — the code is what the database
 * and the command line use. */
#define BF_CONSOLATION_EVENTS(X)                                                     \
	X(EV_HOSPITAL, "hospital", N_("Employee hospitalised"), "本人住院")          \
	X(EV_WEDDING, "wedding", N_("Employee marries"), "结婚")                     \
	X(EV_BIRTHDAY, "birthday", N_("Employee's birthday"), "生日")                \
	X(EV_RELATIVE_DEATH, "relative_death", N_("Death of an immediate relative"), \
	  "直系亲属去世")                                                            \
	X(EV_DEATH, "death", N_("Death of the employee"), "本人去世")                \
	X(EV_FAMILY_HOSPITAL, "family_hospital",                                     \
	  N_("Family member hospitalised or major accident at home"), "家属住院或家庭重大意外")

#define BF_EV_ID(id, code, en, zh) BF_##id,
enum bf_event { BF_CONSOLATION_EVENTS(BF_EV_ID) BF_EV_COUNT };
#undef BF_EV_ID

const char *bf_event_code(enum bf_event e);
const char *bf_event_label(enum bf_event e); /* translated */
const char *bf_event_zh(enum bf_event e);    /* Chinese, for printed documents */
/* Accepts the code, the English label, or the Chinese text; -1 if unknown. */
int bf_event_parse(const char *text);

/* Who an event is about. */
enum bf_event_subject {
	BF_SUBJECT_EMPLOYEE = 0, /* the employee (hospital, wedding, birthday, death) */
	BF_SUBJECT_IMMEDIATE,    /* an immediate relative (relative_death) */
	BF_SUBJECT_FAMILY,       /* a family member (family_hospital) */
};
enum bf_event_subject bf_event_subject(enum bf_event e);

/* Spouse, father, mother, father- or mother-in-law, child, child-in-law. */
bool bf_relation_is_immediate(enum bf_relation r);

/* One year's standard for one event. */
struct bf_consolation_standard {
	int year;
	enum bf_event event;
	bf_fen cash;         /* consolation money (慰问金) */
	bf_fen goods;        /* value of goods (慰问品), 0 when none or not priced */
	char goods_note[64]; /* "生日蛋糕", "花圈" — what the goods are */
	bool manual;         /* the amount is entered by hand each time (employee's death) */
};

/* The seed's standard for an event (used to fill a year that has none). */
void bf_consolation_standard_seed(enum bf_event e, int year, struct bf_consolation_standard *s);

/* An event already recorded for the same employee (any year: the rules
 * look at the event's year themselves). */
struct bf_consolation_prior {
	enum bf_event event;
	char member[BF_NAME_SZ]; /* "" for the employee's own events */
	bf_date date;
	bool declined; /* decided against: does not count as a prior payment */
};

/* What is being recorded. */
struct bf_consolation_request {
	enum bf_event event;
	const char *member;        /* relative's name; NULL or "" for the employee */
	enum bf_relation relation; /* the member's relation to the employee */
	bf_date date;              /* the event's date: its year picks the standard */
	bf_fen manual_amount;      /* for a manual standard (employee's death) */
	bool as_goods;             /* pay the whole value as gifts of the same value */
};

enum bf_consolation_verdict {
	BF_CONS_OK = 0,         /* apply the standard */
	BF_CONS_DISCRETION = 1, /* the rules leave it to the union: needs a decision */
	BF_CONS_REFUSED = 2,    /* the rules do not allow it */
};

struct bf_consolation_result {
	enum bf_consolation_verdict verdict;
	bf_fen cash, goods; /* what the standard gives (also for DISCRETION) */
	char goods_note[64];
	char reason[384]; /* why DISCRETION or REFUSED, in the user's language */
};

/* Apply the rules:
 *  - relative_death: the member must be an immediate relative, and the same
 *    person's death is not recorded twice;
 *  - family_hospital: any family member other than the employee; one who is
 *    not an immediate relative (a sibling, a grandparent...) is left to
 *    discretion;
 *  - hospital and family_hospital: a second (or later) one in the same
 *    calendar year is left to discretion;
 *  - wedding and birthday: once a year; death: once;
 *  - a manual standard needs manual_amount > 0.
 * Returns the verdict (also in out->verdict). */
enum bf_consolation_verdict bf_consolation_assess(const struct bf_consolation_standard *std,
                                                  const struct bf_consolation_request *req,
                                                  const struct bf_consolation_prior *prior,
                                                  size_t nprior, struct bf_consolation_result *out);

#endif
