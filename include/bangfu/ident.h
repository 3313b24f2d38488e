/* ident.h — identity numbers, bank cards, phones, and masking (pure domain). */
#ifndef BANGFU_IDENT_H
#define BANGFU_IDENT_H

#include "bangfu/common.h"
#include "bangfu/date.h"

enum bf_sex { BF_SEX_UNKNOWN = 0, BF_SEX_MALE = 1, BF_SEX_FEMALE = 2 };

struct bf_idcard_info {
	char normalized[19]; /* 18 characters, 'X' upper-case */
	bf_date birth;
	enum bf_sex sex;
	bool foreign_permanent; /* starts with 9: foreigner's permanent residence card */
};

/* Validate an 18-character resident ID (GB 11643-1999): 17 digits + check
 * character (MOD 11-2), birth date real and not after `today`. Lower-case x is
 * accepted. Residence permits (830000/810000/820000 prefixes) and the foreign
 * permanent-residence card starting with 9 use the same check.
 * Spaces are ignored; full-width digits and Ｘ are accepted. A first digit 0
 * is refused (no such region). today may be BF_DATE_NONE. info may be NULL.
 * err says exactly what is wrong: "ID number: check character should be X",
 * "ID number: birth date 1949-02-30 does not exist", ... */
bool bf_idcard_validate(const char *s, bf_date today, struct bf_idcard_info *info, bf_error *err);
/* The check character for the first 17 digits ('0'..'9' or 'X'). */
char bf_idcard_check_char(const char *first17);

enum bf_card_result {
	BF_CARD_OK = 0,
	BF_CARD_LUHN_WARNING = 1, /* plausible, but fails Luhn: ask the user to confirm */
	BF_CARD_INVALID = 2,
};
/* Bank card: 16–19 digits after removing spaces and dashes; normalized gets
 * the digits only (20 bytes). */
enum bf_card_result bf_bankcard_check(const char *s, char normalized[20], bf_error *err);
bool bf_luhn_ok(const char *digits);

/* Mainland mobile: 1[3-9] and nine more digits (spaces/dashes ignored,
 * optional +86 prefix). normalized gets the 11 digits (12 bytes). */
bool bf_mobile_validate(const char *s, char normalized[12], bf_error *err);
/* A phone number people can call: a mobile as above, or a landline of 7 or 8
 * digits with an optional area code (0 and 2-3 digits: "022-23456781") and
 * extension ("-8021"). "12345" is neither. */
bool bf_phone_validate(const char *s, bf_error *err);

/* Masking for lists and notices. out is always NUL-terminated (n >= 1);
 * inputs too short to keep both ends are starred whole; NULL gives "". */
/* "11010519491231002X" -> "1101**********002*": the region's first four
 * digits and the sequence digits 15–17 only; the birth date (digits 7–14)
 * and the check character are never shown, so nothing else shown (a birth
 * year, another mask) completes the number. A value that already holds a
 * '*' is copied as it is; a sealed one ("bf1:…"), or the audit log's digest
 * of one ("bf1#…", db.h), shows as "****". */
void bf_mask_id(const char *id, char *out, size_t n);
/* For the public notice: only the first `digits` characters (at most
 * BF_NOTICE_ID_DIGITS_MAX, all from the region code), the rest starred. */
enum { BF_NOTICE_ID_DIGITS_MAX = 6, BF_NOTICE_ID_DIGITS_DEFAULT = 4 };
void bf_mask_id_notice(const char *id, int digits, char *out, size_t n);
/* "6222021234567890123" -> "***************0123": the last four only
 * (spaces and dashes in the input are dropped). */
void bf_mask_bank(const char *card, char *out, size_t n);
/* "13812345678" -> "*******5678": the last four only. */
void bf_mask_phone(const char *phone, char *out, size_t n);

#endif
