/* package.h — the submission package and the district's reply package: one
 * self-describing, versioned, signed file that travels on a USB stick or by
 * mail (pure code: libsodium and jansson, no SQL, no curses).
 *
 * ---- the envelope (format version 2) ----------------------------------------
 *
 *   BANGFU-PACKAGE 2\n                  magic and format version
 *   kind: submission\n                  submission | reply
 *   from-code: U001\n                   who made and signed it (unit or district)
 *   from-name: 某某公司\n
 *   to-code: D01\n                      who it is for (may be empty)
 *   to-name: 某某区总工会\n
 *   batch: 2026-01\n                    the batch (a reply: "" or the batch answered)
 *   revision: 2\n                       1, 2, ... each export of the same batch
 *   created: 2026-12-20T09:30:00Z\n
 *   cases: 12\n                         cases (or decisions) in the content
 *   full-numbers: yes\n                 the sealed content carries full ID/bank/phone numbers
 *   audit-head: <64 hex>\n              the maker's latest audit hash (bf_audit_latest_hash)
 *   audit-rows: 5321\n                  and its row count (rows, not the last id)
 *   audit-prev-rows: 4810\n             the row count the maker's previous package named
 *   audit-prev: <64 hex>\n              and the hash of the row at that count in the
 *                                       maker's chain now (empty: no previous package);
 *                                       the district checks it equals the head it holds
 *   restored-from-backup: no\n          yes: the maker restored a backup (its chain may
 *                                       not extend the previous package's)
 *   sealed-to: <64 hex>\n               the addressee's Ed25519 public key the content
 *                                       is sealed to (its registered key)
 *   content-length: 123456\n            bytes of sealed content below
 *   content-sha256: <64 hex>\n          SHA-256 of the sealed content
 *   public-key: <64 hex>\n              the Ed25519 key that signed (empty: unsigned)
 *   \n
 *   <sealed content: content-length bytes, binary>
 *   \nsignature: <128 hex>\n            Ed25519 over the header (every byte up to and
 *   end\n                               including the blank line): it names the
 *                                       sealed content's length and SHA-256, which
 *                                       checks it, so the signature covers it
 *
 * The header stays readable for triage (who, which batch, how many files,
 * the audit head); the content is sealed to the addressee: the UTF-8 JSON
 * below, encrypted with libsodium's crypto_box_seal construction (an
 * ephemeral X25519 key pair; the addressee's X25519 key converted from its
 * Ed25519 key with crypto_sign_ed25519_pk_to_curve25519; nonce =
 * BLAKE2b-192(ephemeral pk || addressee pk); sealed content = ephemeral pk
 * || crypto_box_easy(content)). crypto_box_seal does not say who sealed:
 * the sender is the Ed25519 signer of the header, which names the sealed
 * bytes' SHA-256. A file on a lost stick shows the header only.
 *
 * An unsigned package has "signature: none". Header values are one line of
 * UTF-8 each (no control characters); unknown header keys are refused.
 * Reading checks, in this order, and stops at the first failure:
 *   not a package (magic) → wrong version (version 1, whose content was
 *   plain, is refused naming it) → truncated (no "end" line, or content
 *   shorter than content-length) → malformed (header lines) → corrupted
 *   (the sealed content does not match content-sha256) → unsigned →
 *   tampered (signature does not verify with public-key); then
 *   bf_pkg_unseal: sealed to another key (wrong recipient) → cannot be
 *   opened → malformed content (JSON does not follow the content format
 *   below).
 * (One exception to the order: a package whose line ends were changed to
 * CR LF on the way is reported as corrupted at once, not as truncated.)
 * Whether the key is the one registered for the sender is the store's
 * question (district_store.h / submission_store.h), after this.
 *
 * ---- submission content ------------------------------------------------------
 * {"format": "bangfu-submission", "version": 1,
 *  "unit": {"code", "name", "union_name", "district", "address", "contact", "phone"},
 *  "batch": {"id": "2026-01", "revision": 1, "created": ISO, "created_by": name},
 *  "reports": [ {"round": N, "start": date, "end": date, "place": text,
 *                "text": the publicity result report (attachment 2) as text} ],
 *  "cases": [ {
 *     "number": "2026-0001", "name", "id_number", "department", "employer",
 *     "category": 1..5, "amount": fen (the review's proposed aid),
 *     "per_capita": fen, "household_size": n, "status": "submitted",
 *     "form": { every case_file column: name → text | integer },
 *     "members": [ { every member column } ],       position 0 = the employee
 *     "causes": [ { every case_cause column } ],
 *     "checklist": [ {"key", "name", "status", "date", "copies", "note", "reason"} ],
 *     "review": {"decision", "category", "amount", "reviewer", "date", "meeting_ref", "reason"},
 *     "publicity": {"round", "start", "end", "status"},
 *     "history": [ {"at", "actor", "from", "to", "reason"} ] } ] }
 * Required in every case: number, name, id_number, category, amount,
 * members (each with name, relation, id_number or null). The rest is kept as
 * the case's JSON text for display.
 *
 * ---- reply content -------------------------------------------------------------
 * {"format": "bangfu-reply", "version": 1,
 *  "district": {"code", "name"}, "unit": {"code", "name"}, "created": ISO,
 *  "decisions": [ {"number", "batch", "decision": "accept" | "return",
 *                  "amount": fen (accept: the final amount),
 *                  "reason": text (return: required), "back_to": state code
 *                  (return: draft | docs_complete | approved | publicity_passed),
 *                  "decided_at": ISO, "decided_by": name} ],
 *  "calendar" (optional): the district's holiday calendar, handed down:
 *    {"years": [ {"year", "source", "updated_at"} ],
 *     "days": [ {"date": "YYYY-MM-DD", "kind": "off" | "work", "name"} ]} } */
#ifndef BANGFU_PACKAGE_H
#define BANGFU_PACKAGE_H

#include "bangfu/common.h"
#include "bangfu/holiday.h"

#define BF_PKG_MAGIC "BANGFU-PACKAGE"
#define BF_PKG_VERSION 2
#define BF_PKG_KEY_HEX 65  /* 32-byte public key as hex + NUL */
#define BF_PKG_HASH_HEX 65 /* SHA-256 as hex + NUL */
/* Refuse packages bigger than this before reading them (1 GiB). */
#define BF_PKG_MAX_SIZE ((size_t)1 << 30)

/* Why a package was refused: X(ID, "code", N_("short English label")). */
#define BF_PKG_RESULTS(X)                                                     \
	X(PKG_OK, "ok", N_("sound"))                                          \
	X(PKG_NOT_PACKAGE, "not_package", N_("not a bangfu package"))         \
	X(PKG_WRONG_VERSION, "wrong_version", N_("wrong version"))            \
	X(PKG_TRUNCATED, "truncated", N_("truncated"))                        \
	X(PKG_MALFORMED, "malformed", N_("malformed"))                        \
	X(PKG_CORRUPTED, "corrupted", N_("corrupted"))                        \
	X(PKG_UNSIGNED, "unsigned", N_("unsigned"))                           \
	X(PKG_TAMPERED, "tampered", N_("tampered"))                           \
	X(PKG_UNKNOWN_KEY, "unknown_key", N_("signed by an unknown key"))     \
	X(PKG_WRONG_KIND, "wrong_kind", N_("not the kind expected"))          \
	X(PKG_WRONG_RECIPIENT, "wrong_recipient", N_("addressed to another")) \
	X(PKG_NOT_OPENED, "not_opened", N_("cannot be opened"))

#define BF_PKG_RESULT_ID(id, code, label) BF_##id,
enum bf_pkg_result { BF_PKG_RESULTS(BF_PKG_RESULT_ID) BF_PKG_RESULT_COUNT };
#undef BF_PKG_RESULT_ID

const char *bf_pkg_result_code(enum bf_pkg_result r);
const char *bf_pkg_result_label(enum bf_pkg_result r); /* translated */

/* ---- keys ------------------------------------------------------------------------ */

/* A new Ed25519 key pair (libsodium crypto_sign_keypair). */
void bf_pkg_keygen(uint8_t pk[32], uint8_t sk[64]);
void bf_pkg_hex(const uint8_t *bytes, size_t n, char *hex /* 2n+1 */);
/* false unless hex is exactly 2n hex digits. */
bool bf_pkg_unhex(const char *hex, uint8_t *bytes, size_t n);
/* A short fingerprint to read aloud on the phone: first 8 bytes of
 * SHA-256(pk) as "ab12 cd34 ef56 7890". */
void bf_pkg_fingerprint(const uint8_t pk[32], char out[24]);

/* The public key file a unit gives the district (and the district its units):
 *   BANGFU-KEY 1\ncode: U001\nname: 某某公司\nkind: unit\npublic-key: <hex>\n
 * kind is "unit" or "district". */
struct bf_pkg_keyfile {
	char code[32];
	char name[128];
	char kind[16];
	uint8_t pk[32];
};
/* malloc'd text of the key file; NULL when the code is empty, a field holds
 * a line break or control character, the kind is neither, or out of memory. */
char *bf_pkg_keyfile_write(const struct bf_pkg_keyfile *k);
/* 0, or -1 with err naming the line that is wrong. */
int bf_pkg_keyfile_read(const char *text, size_t len, struct bf_pkg_keyfile *k, bf_error *err);

/* ---- a signed file (the offline bundle's manifest, SHA256SUMS) ------------------- */

/* A detached signature, kept beside the file as FILE.sig:
 *   BANGFU-SIGNATURE 1\n
 *   file: SHA256SUMS\n                 the signed file's name (informative)
 *   file-sha256: <64 hex>\n            SHA-256 of the signed file
 *   signer-code: D001\n                who signed (the district's code)
 *   signer-name: 某某区总工会\n
 *   public-key: <64 hex>\n             the Ed25519 key that signed
 *   signature: <128 hex>\n             Ed25519 over every byte before this line
 * Whether public-key is one the reader trusts is the caller's question. */
struct bf_filesig {
	char file[256];
	char code[32];
	char name[128];
	uint8_t pk[32];
};
/* malloc'd text; NULL when a name holds a line break or control character,
 * the file name or code is empty, or out of memory. */
char *bf_filesig_write(const char *file_name, const void *data, size_t len, const char *code,
                       const char *name, const uint8_t pk[32], const uint8_t sk[64]);
/* 0 when sig is well formed, data is the signed file and the signature
 * verifies with the key it names (out filled); else -1, err naming the check. */
int bf_filesig_verify(const char *sig, size_t siglen, const void *data, size_t len,
                      struct bf_filesig *out, bf_error *err);

/* ---- the envelope ------------------------------------------------------------------ */

struct bf_pkg_header {
	int version;
	char kind[16]; /* "submission" | "reply" */
	char from_code[32], from_name[128];
	char to_code[32], to_name[128];
	char batch[32];
	int revision;
	char created[32];
	int64_t cases;
	bool full_numbers;
	char audit_head[BF_PKG_HASH_HEX];
	int64_t audit_rows;
	/* the previous package's row count and the hash of the row at that count
	 * (the three keys below are optional when reading: a package made before
	 * them reads as "", 0, false) */
	char audit_prev[BF_PKG_HASH_HEX];
	int64_t audit_prev_rows;
	bool restored;                        /* restored-from-backup: yes */
	uint8_t sealed_to[32];                /* the addressee's Ed25519 key (bf_pkg_seal) */
	char content_sha256[BF_PKG_HASH_HEX]; /* filled by bf_pkg_seal / bf_pkg_open */
	bool is_signed;                        /* filled by bf_pkg_open */
	uint8_t public_key[32];                /* the signer's key when signed */
};

/* Write a package: the header h (its content_sha256 and sealed_to are
 * computed here), the content sealed to to_pk (the addressee's Ed25519
 * public key, required), and the signature with sk (NULL: unsigned). *out
 * malloc'd. */
int bf_pkg_seal(const struct bf_pkg_header *h, const char *content, size_t len,
                const uint8_t sk[64], const uint8_t to_pk[32], char **out, size_t *outlen,
                bf_error *err);
/* The same with the ephemeral key pair made from seed (32 bytes) instead of
 * at random: the same bytes every time, for the fuzz harness's seed corpus
 * (tests/fuzz/make_corpus.c). Never for a real package. */
int bf_pkg_seal_seeded(const struct bf_pkg_header *h, const char *content, size_t len,
                       const uint8_t sk[64], const uint8_t to_pk[32], const uint8_t seed[32],
                       char **out, size_t *outlen, bf_error *err);

/* Read and verify an envelope in memory. On BF_PKG_OK h is filled and
 * *sealed / *sealed_len point to the sealed content in buf (on
 * BF_PKG_UNSIGNED too: the envelope is sound but for the signature, for a
 * store that accepts unsigned packages; otherwise NULL / 0). Otherwise err
 * says what is wrong in the user's words, naming the check that failed ("The
 * package is truncated: ..."). Needs no key: the header is for triage. */
enum bf_pkg_result bf_pkg_open(const char *buf, size_t len, struct bf_pkg_header *h,
                               const char **sealed, size_t *sealed_len, bf_error *err);

/* Open the sealed content of a package bf_pkg_open found sound with the
 * addressee's Ed25519 secret key sk. BF_PKG_OK: *content malloc'd (NUL after
 * *content_len bytes; wipe and free with bf_pkg_content_free).
 * BF_PKG_WRONG_RECIPIENT when h->sealed_to is not sk's public key,
 * BF_PKG_NOT_OPENED when the bytes do not open; err says which. */
enum bf_pkg_result bf_pkg_unseal(const struct bf_pkg_header *h, const char *sealed,
                                 size_t sealed_len, const uint8_t sk[64], char **content,
                                 size_t *content_len, bf_error *err);
/* bf_pkg_unseal in two halves, for a reader that parses while it checks
 * (the district's import on its second core): bf_pkg_unseal_check says
 * whether the content is sealed to sk and opens (the addressee and the
 * Poly1305 tag); bf_pkg_unseal_unchecked decrypts without that check, and
 * what it gives must be thrown away unless the check says BF_PKG_OK. */
enum bf_pkg_result bf_pkg_unseal_check(const struct bf_pkg_header *h, const char *sealed,
                                       size_t sealed_len, const uint8_t sk[64], bf_error *err);
enum bf_pkg_result bf_pkg_unseal_unchecked(const char *sealed, size_t sealed_len,
                                           const uint8_t sk[64], char **content,
                                           size_t *content_len, bf_error *err);
/* Zero and free opened content (it holds full ID, bank and phone numbers). */
void bf_pkg_content_free(char *content, size_t len);

/* SHA-256 of a whole file image (the package's identity: the same file
 * imported twice has the same digest). */
void bf_pkg_sha256_hex(const void *buf, size_t len, char hex[BF_PKG_HASH_HEX]);

/* A package's identity, once bf_pkg_open has found it sound: the SHA-256
 * of the file without its sealed content bytes. The header names the sealed
 * content's own SHA-256 (checked, and signed), so this tells packages apart as the
 * digest of the whole file would, without reading 35 MB a second time.
 * content NULL: the whole buffer. Stored as the package's sha256 on both
 * sides (submission_batch.package_sha256, dist_package.sha256). */
void bf_pkg_identity(const char *buf, size_t len, const char *content, size_t clen,
                     char hex[BF_PKG_HASH_HEX]);

/* A digest of one case's JSON (BLAKE2b-256, hex), to tell what a newer
 * revision of a batch changed: not an identity, several times faster than
 * SHA-256 on the 35 MB of a large package. */
void bf_pkg_case_digest(const char *json, size_t len, char hex[BF_PKG_HASH_HEX]);

/* Read a whole file into memory (refusing more than BF_PKG_MAX_SIZE). *buf
 * malloc'd. -1 with err naming the file. */
int bf_pkg_read_file(const char *path, char **buf, size_t *len, bf_error *err);
/* Write buf to path atomically through outfile.h (a private temporary beside
 * it, fsync, rename; mode 0600: packages carry personal data), replacing a
 * file that is there but never writing through a symbolic link. Callers that
 * honour the user's --force open a bf_outfile themselves. */
int bf_pkg_write_file(const char *path, const char *buf, size_t len, bf_error *err);

/* ---- submission content --------------------------------------------------------- */

struct bf_pkg_person {
	char name[64];
	char relation[24]; /* relation code, "self" for the employee */
	char id_number[24];
};

struct bf_pkg_case {
	char number[32];
	char name[64];
	char id_number[24];
	char department[128];
	char employer[128];
	int category;   /* 1..5 */
	bf_fen amount;  /* proposed aid */
	bf_fen per_capita;
	int household_size;
	struct bf_pkg_person *people; /* members, position 0 first */
	size_t n_people;
	char *json; /* the case object as compact JSON (malloc'd) */
};

struct bf_pkg_report {
	int64_t round;
	char start[11], end[11];
	char place[256];
	char *text; /* malloc'd */
};

struct bf_pkg_submission {
	char unit_code[32], unit_name[128], union_name[128], district[128];
	char address[256], contact[64], phone[24];
	char batch[32];
	int revision;
	char created[32], created_by[64];
	struct bf_pkg_report *reports;
	size_t n_reports;
	struct bf_pkg_case *cases;
	size_t n_cases;
};

/* Parse submission content (after bf_pkg_open). BF_PKG_OK, or
 * BF_PKG_MALFORMED with err naming the case and the field ("case 3
 * (2026-0007): \"amount\" must be a whole number of fen"). Duplicate case
 * numbers are malformed. Free with bf_pkg_submission_free (also after a
 * failure). */
enum bf_pkg_result bf_pkg_parse_submission(const char *content, size_t len,
                                           struct bf_pkg_submission *s, bf_error *err);
void bf_pkg_submission_free(struct bf_pkg_submission *s);
/* The same reading done by jansson's whole tree alone. bf_pkg_parse_submission
 * first tries a strict scanner that hands jansson only the small parts (a
 * 10,000-case package is ~35 MB: the whole tree costs several times the
 * import's writes) and falls back to this on anything it is unsure of; the
 * two must agree on every input (the fuzz harness compares them), except
 * that a case's json is its own text without white space in the first and
 * re-written with sorted keys in this one. */
enum bf_pkg_result bf_pkg_parse_submission_plain(const char *content, size_t len,
                                                 struct bf_pkg_submission *s, bf_error *err);

/* ---- reply content ---------------------------------------------------------------- */

enum bf_pkg_decision { BF_PKG_PENDING = 0, BF_PKG_ACCEPT, BF_PKG_RETURN };

struct bf_pkg_decision_row {
	char number[32];
	char batch[32];
	enum bf_pkg_decision decision;
	bf_fen amount;       /* accept: the final amount */
	char reason[512];    /* return: why */
	char back_to[24];    /* return: state code */
	char decided_at[32];
	char decided_by[64];
};

struct bf_pkg_reply {
	char district_code[32], district_name[128];
	char unit_code[32], unit_name[128];
	char created[32];
	struct bf_pkg_decision_row *decisions;
	size_t n;
	struct bf_holiday_file calendar; /* empty when the reply carries none */
};

enum bf_pkg_result bf_pkg_parse_reply(const char *content, size_t len, struct bf_pkg_reply *r,
                                      bf_error *err);
void bf_pkg_reply_free(struct bf_pkg_reply *r);

#endif
