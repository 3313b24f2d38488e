/* package.c — the submission package and the reply package: the signed
 * envelope (see package.h for the format and the order of the checks), the
 * key file, and the JSON content. Pure code: libsodium and jansson only.
 *
 * The buffers given to bf_pkg_open and the parsers are not NUL-terminated
 * and may hold any bytes: every read is bounded by the length given. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <libgen.h>
#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/outfile.h"
#include "bangfu/package.h"

#define BF_PKG_RESULT_CODE(id, code, label) code,
static const char *const result_codes[] = {BF_PKG_RESULTS(BF_PKG_RESULT_CODE)};
#undef BF_PKG_RESULT_CODE
#define BF_PKG_RESULT_LABEL(id, code, label) label,
static const char *const result_labels[] = {BF_PKG_RESULTS(BF_PKG_RESULT_LABEL)};
#undef BF_PKG_RESULT_LABEL

const char *bf_pkg_result_code(enum bf_pkg_result r)
{
	if ((unsigned)r >= BF_PKG_RESULT_COUNT)
		return "unknown";
	return result_codes[r];
}

const char *bf_pkg_result_label(enum bf_pkg_result r)
{
	if ((unsigned)r >= BF_PKG_RESULT_COUNT)
		return _("unknown");
	return _(result_labels[r]);
}

static void sodium_ready(void)
{
	/* idempotent; -1 only when no randomness source exists at all */
	if (sodium_init() < 0)
		abort();
}

/* ---- keys ------------------------------------------------------------------------ */

void bf_pkg_keygen(uint8_t pk[32], uint8_t sk[64])
{
	sodium_ready();
	crypto_sign_keypair(pk, sk);
}

void bf_pkg_hex(const uint8_t *bytes, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[bytes[i] >> 4];
		hex[2 * i + 1] = digits[bytes[i] & 15];
	}
	hex[2 * n] = '\0';
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* n bytes from exactly 2n hex digits at hex (hexlen bytes, not NUL-terminated). */
static bool unhex_n(const char *hex, size_t hexlen, uint8_t *bytes, size_t n)
{
	if (hexlen != 2 * n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int hi = hexval((unsigned char)hex[2 * i]);
		int lo = hexval((unsigned char)hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		bytes[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool bf_pkg_unhex(const char *hex, uint8_t *bytes, size_t n)
{
	if (!hex)
		return false;
	return unhex_n(hex, strlen(hex), bytes, n);
}

void bf_pkg_fingerprint(const uint8_t pk[32], char out[24])
{
	uint8_t h[crypto_hash_sha256_BYTES];
	sodium_ready();
	crypto_hash_sha256(h, pk, 32);
	char hex[17];
	bf_pkg_hex(h, 8, hex);
	snprintf(out, 24, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
}

void bf_pkg_sha256_hex(const void *buf, size_t len, char hex[BF_PKG_HASH_HEX])
{
	uint8_t h[crypto_hash_sha256_BYTES];
	sodium_ready();
	crypto_hash_sha256(h, buf, len);
	bf_pkg_hex(h, sizeof h, hex);
}

void bf_pkg_identity(const char *buf, size_t len, const char *content, size_t clen,
                     char hex[BF_PKG_HASH_HEX])
{
	if (!content || content < buf || clen > len || (size_t)(content - buf) > len - clen) {
		bf_pkg_sha256_hex(buf, len, hex);
		return;
	}
	uint8_t h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	sodium_ready();
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)buf, (size_t)(content - buf));
	crypto_hash_sha256_update(&st, (const unsigned char *)content + clen,
	                          len - (size_t)(content - buf) - clen);
	crypto_hash_sha256_final(&st, h);
	bf_pkg_hex(h, sizeof h, hex);
}

void bf_pkg_case_digest(const char *json, size_t len, char hex[BF_PKG_HASH_HEX])
{
	uint8_t h[32];
	sodium_ready();
	crypto_generichash(h, sizeof h, (const unsigned char *)json, len, NULL, 0);
	bf_pkg_hex(h, sizeof h, hex);
}

/* ---- small text helpers --------------------------------------------------------- */

/* Valid UTF-8 (no overlong forms, no surrogates) without control characters. */
static bool clean_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return false;
			i++;
			continue;
		}
		size_t k;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i <= k)
			return false;
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		if (cp >= 0x80 && cp <= 0x9F) /* C1 controls */
			return false;
		i += k + 1;
	}
	return true;
}

/* Copy n bytes into dst (size cap) with a NUL; false when it does not fit. */
static bool copy_n(char *dst, size_t cap, const char *src, size_t n)
{
	if (n >= cap)
		return false;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return true;
}

/* A non-negative decimal number of at most 18 digits (no sign, no spaces). */
static bool parse_count(const char *s, size_t n, int64_t *out)
{
	if (n == 0 || n > 18)
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool is_hex64_or_empty(const char *s, bool empty_ok)
{
	size_t n = strlen(s);
	if (n == 0)
		return empty_ok;
	if (n != 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (hexval((unsigned char)s[i]) < 0)
			return false;
	return true;
}

static bool has_line_break_or_control(const char *s)
{
	return !clean_utf8(s, strlen(s));
}

/* A growable text buffer. */
struct sbuf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->cap - b->len <= n) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len <= n) {
			if (cap > SIZE_MAX / 2) {
				b->oom = true;
				return;
			}
			cap *= 2;
		}
		char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_add(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

static void sb_kv(struct sbuf *b, const char *key, const char *value)
{
	sb_add(b, key);
	sb_add(b, ": ");
	sb_add(b, value);
	sb_add(b, "\n");
}

static void sb_kv_i(struct sbuf *b, const char *key, int64_t v)
{
	char num[24];
	snprintf(num, sizeof num, "%" PRId64, v);
	sb_kv(b, key, num);
}

/* ---- key file ------------------------------------------------------------------- */

#define KEY_MAGIC "BANGFU-KEY 1"

char *bf_pkg_keyfile_write(const struct bf_pkg_keyfile *k)
{
	if (k->code[0] == '\0' || has_line_break_or_control(k->code) ||
	    has_line_break_or_control(k->name) ||
	    (strcmp(k->kind, "unit") != 0 && strcmp(k->kind, "district") != 0))
		return NULL;
	char hex[BF_PKG_KEY_HEX];
	bf_pkg_hex(k->pk, 32, hex);
	struct sbuf b = {0};
	sb_add(&b, KEY_MAGIC "\n");
	sb_kv(&b, "code", k->code);
	sb_kv(&b, "name", k->name);
	sb_kv(&b, "kind", k->kind);
	sb_kv(&b, "public-key", hex);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int bf_pkg_keyfile_read(const char *text, size_t len, struct bf_pkg_keyfile *k, bf_error *err)
{
	memset(k, 0, sizeof *k);
	bool seen[4] = {false, false, false, false};
	size_t pos = 0;
	int lineno = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) /* a BOM from Notepad */
		pos = 3;
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		pos += n + (nl ? 1 : 0);
		lineno++;
		if (n > 0 && line[n - 1] == '\r') /* a key file mailed through Windows */
			n--;
		if (lineno == 1) {
			if (n != strlen(KEY_MAGIC) || memcmp(line, KEY_MAGIC, n) != 0) {
				bf_error_set(err,
				             _("This is not a bangfu key file: line 1 should read "
				               "\"%s\"."),
				             KEY_MAGIC);
				return -1;
			}
			continue;
		}
		if (n == 0)
			continue;
		const char *colon = memchr(line, ':', n);
		if (!colon) {
			bf_error_set(err, _("Key file line %d has no \"key: value\"."), lineno);
			return -1;
		}
		size_t klen = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vlen = n - klen - 1;
		while (vlen > 0 && *v == ' ') {
			v++;
			vlen--;
		}
		while (vlen > 0 && v[vlen - 1] == ' ')
			vlen--;
		if (!clean_utf8(v, vlen)) {
			bf_error_set(err,
			             _("Key file line %d holds control characters or text that is "
			               "not UTF-8."),
			             lineno);
			return -1;
		}
		static const char *const keys[] = {"code", "name", "kind", "public-key"};
		int which = -1;
		for (int i = 0; i < 4; i++)
			if (klen == strlen(keys[i]) && memcmp(line, keys[i], klen) == 0)
				which = i;
		if (which < 0) {
			bf_error_set(err, _("Key file line %d: unknown key \"%.*s\"."), lineno,
			             (int)(klen > 40 ? 40 : klen), line);
			return -1;
		}
		if (seen[which]) {
			bf_error_set(err, _("Key file line %d: \"%s\" is given twice."), lineno,
			             keys[which]);
			return -1;
		}
		seen[which] = true;
		bool ok = true;
		switch (which) {
		case 0:
			ok = vlen > 0 && copy_n(k->code, sizeof k->code, v, vlen);
			break;
		case 1:
			ok = copy_n(k->name, sizeof k->name, v, vlen);
			break;
		case 2:
			ok = copy_n(k->kind, sizeof k->kind, v, vlen) &&
			     (strcmp(k->kind, "unit") == 0 || strcmp(k->kind, "district") == 0);
			break;
		default:
			ok = unhex_n(v, vlen, k->pk, 32);
			break;
		}
		if (!ok) {
			static const char *const why[] = {
			    N_("Key file line %d: the code must be 1 to 31 characters."),
			    N_("Key file line %d: the name is too long (at most 127 bytes)."),
			    N_("Key file line %d: the kind must be \"unit\" or \"district\"."),
			    N_("Key file line %d: the public key must be 64 hex digits."),
			};
			bf_error_set(err, _(why[which]), lineno);
			return -1;
		}
	}
	if (lineno == 0) {
		bf_error_set(err, _("The key file is empty."));
		return -1;
	}
	static const char *const names[] = {"code", "name", "kind", "public-key"};
	for (int i = 0; i < 4; i++) {
		if (!seen[i]) {
			bf_error_set(err, _("The key file has no \"%s\" line."), names[i]);
			return -1;
		}
	}
	return 0;
}

/* ---- the envelope ------------------------------------------------------------------ */

static const char SIG_PREFIX[] = "\nsignature: ";
static const char END_LINE[] = "\nend\n";
#define SIG_PREFIX_LEN (sizeof SIG_PREFIX - 1)
#define END_LEN (sizeof END_LINE - 1)
#define SIG_HEX_LEN (2 * crypto_sign_BYTES)
/* the shortest trailer after the content: "\nsignature: none\nend\n" */
#define TRAILER_MIN (SIG_PREFIX_LEN + 4 + END_LEN)

/* ---- a signed file (the offline bundle's manifest) ------------------------------- */

#define FILESIG_MAGIC "BANGFU-SIGNATURE 1"
static const char *const filesig_keys[] = {"file",        "file-sha256", "signer-code",
                                           "signer-name", "public-key",  "signature"};
#define FILESIG_NKEYS (sizeof filesig_keys / sizeof filesig_keys[0])

char *bf_filesig_write(const char *file_name, const void *data, size_t len, const char *code,
                       const char *name, const uint8_t pk[32], const uint8_t sk[64])
{
	if (!file_name[0] || has_line_break_or_control(file_name) || !code[0] ||
	    has_line_break_or_control(code) || has_line_break_or_control(name))
		return NULL;
	sodium_ready();
	char sha[BF_PKG_HASH_HEX], pkhex[BF_PKG_KEY_HEX];
	bf_pkg_sha256_hex(data, len, sha);
	bf_pkg_hex(pk, 32, pkhex);
	struct sbuf b = {0};
	sb_add(&b, FILESIG_MAGIC "\n");
	sb_kv(&b, "file", file_name);
	sb_kv(&b, "file-sha256", sha);
	sb_kv(&b, "signer-code", code);
	sb_kv(&b, "signer-name", name);
	sb_kv(&b, "public-key", pkhex);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	uint8_t sig[crypto_sign_BYTES];
	crypto_sign_detached(sig, NULL, (const unsigned char *)b.p, b.len, sk);
	char sighex[SIG_HEX_LEN + 1];
	bf_pkg_hex(sig, sizeof sig, sighex);
	sb_kv(&b, "signature", sighex);
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int bf_filesig_verify(const char *sig, size_t siglen, const void *data, size_t len,
                      struct bf_filesig *out, bf_error *err)
{
	memset(out, 0, sizeof *out);
	sodium_ready();
	size_t pos = 0, signed_len = 0;
	char sha[BF_PKG_HASH_HEX] = "";
	uint8_t signature[crypto_sign_BYTES];
	for (size_t lineno = 1; lineno <= FILESIG_NKEYS + 1; lineno++) {
		const char *line = sig + pos;
		const char *nl = pos < siglen ? memchr(line, '\n', siglen - pos) : NULL;
		if (!nl) {
			bf_error_set(err, _("The signature file is cut short at line %d."),
			             (int)lineno);
			return -1;
		}
		size_t n = (size_t)(nl - line);
		pos += n + 1;
		if (lineno == 1) {
			if (n != strlen(FILESIG_MAGIC) || memcmp(line, FILESIG_MAGIC, n) != 0) {
				bf_error_set(err,
				             _("This is not a bangfu signature file: line 1 should "
				               "read \"%s\"."),
				             FILESIG_MAGIC);
				return -1;
			}
			continue;
		}
		const char *key = filesig_keys[lineno - 2];
		size_t klen = strlen(key);
		if (n < klen + 2 || memcmp(line, key, klen) != 0 || line[klen] != ':' ||
		    line[klen + 1] != ' ' || !clean_utf8(line + klen + 2, n - klen - 2)) {
			bf_error_set(err, _("Signature file line %d should read \"%s: ...\"."),
			             (int)lineno, key);
			return -1;
		}
		const char *v = line + klen + 2;
		size_t vlen = n - klen - 2;
		bool ok;
		switch (lineno) {
		case 2:
			ok = copy_n(out->file, sizeof out->file, v, vlen);
			break;
		case 3:
			ok = copy_n(sha, sizeof sha, v, vlen) && is_hex64_or_empty(sha, false);
			break;
		case 4:
			ok = copy_n(out->code, sizeof out->code, v, vlen);
			break;
		case 5:
			ok = copy_n(out->name, sizeof out->name, v, vlen);
			break;
		case 6:
			ok = unhex_n(v, vlen, out->pk, 32);
			signed_len = pos;
			break;
		default:
			ok = unhex_n(v, vlen, signature, sizeof signature);
			break;
		}
		if (!ok) {
			bf_error_set(err, _("Signature file line %d: \"%s\" is not valid."),
			             (int)lineno, key);
			return -1;
		}
	}
	if (pos != siglen) {
		bf_error_set(err, _("The signature file has more lines than a signature."));
		return -1;
	}
	char have[BF_PKG_HASH_HEX];
	bf_pkg_sha256_hex(data, len, have);
	if (strcmp(have, sha) != 0) {
		bf_error_set(err,
		             _("%s was changed after it was signed (its SHA-256 is not the "
		               "signed one)."),
		             out->file);
		return -1;
	}
	if (crypto_sign_verify_detached(signature, (const unsigned char *)sig, signed_len,
	                                out->pk) != 0) {
		bf_error_set(err, _("The signature does not verify: the signature file was "
		                    "altered."));
		return -1;
	}
	return 0;
}

static bool header_ok_for_seal(const struct bf_pkg_header *h, bf_error *err)
{
	if (strcmp(h->kind, "submission") != 0 && strcmp(h->kind, "reply") != 0) {
		bf_error_set(err, _("The package kind must be \"submission\" or \"reply\"."));
		return false;
	}
	struct {
		const char *key, *value;
	} text[] = {
	    {"from-code", h->from_code}, {"from-name", h->from_name}, {"to-code", h->to_code},
	    {"to-name", h->to_name},     {"batch", h->batch},         {"created", h->created},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(text); i++) {
		if (has_line_break_or_control(text[i].value)) {
			bf_error_set(err,
			             _("The package header \"%s\" holds a line break, a control "
			               "character or text that is not UTF-8."),
			             text[i].key);
			return false;
		}
	}
	if (h->from_code[0] == '\0') {
		bf_error_set(err, _("The package header \"from-code\" is empty."));
		return false;
	}
	if (h->revision < 0 || h->cases < 0 || h->audit_rows < 0) {
		bf_error_set(err, _("The package header numbers (revision, cases, audit-rows) "
		                    "cannot be negative."));
		return false;
	}
	if (!is_hex64_or_empty(h->audit_head, true)) {
		bf_error_set(
		    err, _("The package header \"audit-head\" must be 64 hex digits or empty."));
		return false;
	}
	if (!is_hex64_or_empty(h->audit_prev, true) || h->audit_prev_rows < 0 ||
	    h->audit_prev_rows > h->audit_rows ||
	    (h->audit_prev_rows > 0) != (h->audit_prev[0] != 0)) {
		bf_error_set(err,
		             _("The package header \"audit-prev\" must be 64 hex digits with "
		               "\"audit-prev-rows\" between 1 and audit-rows, or empty with 0."));
		return false;
	}
	return true;
}

/* The content sealed to the Ed25519 key to_pk: crypto_box_seal's
 * construction (ephemeral pk || crypto_box_easy with nonce = BLAKE2b-192(
 * ephemeral pk || addressee pk)), so crypto_box_seal_open opens it; the
 * ephemeral key pair from seed when given. *out malloc'd. */
static int seal_content(const char *content, size_t len, const uint8_t to_pk[32],
                        const uint8_t *seed, unsigned char **out, size_t *outlen, bf_error *err)
{
	uint8_t xpk[crypto_box_PUBLICKEYBYTES];
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, to_pk) != 0) {
		bf_error_set(err, "%s",
		             _("The addressee's key is not a usable public key: the content "
		               "cannot be sealed to it."));
		return -1;
	}
	unsigned char *c = malloc(len + crypto_box_SEALBYTES);
	if (!c) {
		bf_error_set(err, _("Out of memory while writing the package."));
		return -1;
	}
	uint8_t epk[crypto_box_PUBLICKEYBYTES], esk[crypto_box_SECRETKEYBYTES];
	uint8_t nonce[crypto_box_NONCEBYTES];
	if (seed)
		crypto_box_seed_keypair(epk, esk, seed);
	else
		crypto_box_keypair(epk, esk);
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof nonce);
	crypto_generichash_update(&st, epk, sizeof epk);
	crypto_generichash_update(&st, xpk, sizeof xpk);
	crypto_generichash_final(&st, nonce, sizeof nonce);
	memcpy(c, epk, sizeof epk);
	int rc =
	    crypto_box_easy(c + sizeof epk, (const unsigned char *)content, len, nonce, xpk, esk);
	sodium_memzero(esk, sizeof esk);
	if (rc != 0) {
		free(c);
		bf_error_set(err, "%s",
		             _("The addressee's key is not a usable public key: the content "
		               "cannot be sealed to it."));
		return -1;
	}
	*out = c;
	*outlen = len + crypto_box_SEALBYTES;
	return 0;
}

int bf_pkg_seal(const struct bf_pkg_header *h, const char *content, size_t len,
                const uint8_t sk[64], const uint8_t to_pk[32], char **out, size_t *outlen,
                bf_error *err)
{
	return bf_pkg_seal_seeded(h, content, len, sk, to_pk, NULL, out, outlen, err);
}

int bf_pkg_seal_seeded(const struct bf_pkg_header *h, const char *plain, size_t plain_len,
                       const uint8_t sk[64], const uint8_t to_pk[32], const uint8_t seed[32],
                       char **out, size_t *outlen, bf_error *err)
{
	*out = NULL;
	*outlen = 0;
	if (plain_len > BF_PKG_MAX_SIZE - 8192) {
		bf_error_set(err, _("The package content is too big (more than 1 GiB)."));
		return -1;
	}
	if (!header_ok_for_seal(h, err))
		return -1;
	if (!to_pk) {
		bf_error_set(err, "%s",
		             _("The package has no addressee's key to seal its content to."));
		return -1;
	}
	sodium_ready();
	unsigned char *sealed = NULL;
	size_t len = 0;
	if (seal_content(plain, plain_len, to_pk, seed, &sealed, &len, err) != 0)
		return -1;
	const char *content = (const char *)sealed;
	char sha[BF_PKG_HASH_HEX];
	bf_pkg_sha256_hex(content, len, sha);
	char pkhex[BF_PKG_KEY_HEX] = "", tohex[BF_PKG_KEY_HEX];
	bf_pkg_hex(to_pk, 32, tohex);
	if (sk) {
		/* the public key is the second half of a libsodium secret key */
		uint8_t pk[32];
		crypto_sign_ed25519_sk_to_pk(pk, sk);
		bf_pkg_hex(pk, 32, pkhex);
	}
	struct sbuf b = {0};
	char first[32];
	snprintf(first, sizeof first, "%s %d\n", BF_PKG_MAGIC, BF_PKG_VERSION);
	sb_add(&b, first);
	sb_kv(&b, "kind", h->kind);
	sb_kv(&b, "from-code", h->from_code);
	sb_kv(&b, "from-name", h->from_name);
	sb_kv(&b, "to-code", h->to_code);
	sb_kv(&b, "to-name", h->to_name);
	sb_kv(&b, "batch", h->batch);
	sb_kv_i(&b, "revision", h->revision);
	sb_kv(&b, "created", h->created);
	sb_kv_i(&b, "cases", h->cases);
	sb_kv(&b, "full-numbers", h->full_numbers ? "yes" : "no");
	sb_kv(&b, "audit-head", h->audit_head);
	sb_kv_i(&b, "audit-rows", h->audit_rows);
	sb_kv_i(&b, "audit-prev-rows", h->audit_prev_rows);
	sb_kv(&b, "audit-prev", h->audit_prev);
	sb_kv(&b, "restored-from-backup", h->restored ? "yes" : "no");
	sb_kv(&b, "sealed-to", tohex);
	sb_kv_i(&b, "content-length", (int64_t)len);
	sb_kv(&b, "content-sha256", sha);
	sb_kv(&b, "public-key", pkhex);
	sb_add(&b, "\n");
	size_t header_len = b.len;
	sb_addn(&b, content, len);
	sb_add(&b, "\n");
	free(sealed);
	if (b.oom) {
		free(b.p);
		bf_error_set(err, _("Out of memory while writing the package."));
		return -1;
	}
	/* the signature covers the header, blank line included: it names the
	 * content's length and SHA-256, so the content is signed through it
	 * (and a 35 MB package is not hashed a second time to sign it) */
	char sighex[SIG_HEX_LEN + 1] = "none";
	if (sk) {
		uint8_t sig[crypto_sign_BYTES];
		crypto_sign_detached(sig, NULL, (const unsigned char *)b.p, header_len, sk);
		bf_pkg_hex(sig, sizeof sig, sighex);
	}
	sb_add(&b, "signature: ");
	sb_add(&b, sighex);
	sb_add(&b, END_LINE);
	if (b.oom) {
		free(b.p);
		bf_error_set(err, _("Out of memory while writing the package."));
		return -1;
	}
	*out = b.p;
	*outlen = b.len;
	return 0;
}

/* The header keys, in the order bf_pkg_seal writes them. */
enum hkey {
	HK_KIND,
	HK_FROM_CODE,
	HK_FROM_NAME,
	HK_TO_CODE,
	HK_TO_NAME,
	HK_BATCH,
	HK_REVISION,
	HK_CREATED,
	HK_CASES,
	HK_FULL_NUMBERS,
	HK_AUDIT_HEAD,
	HK_AUDIT_ROWS,
	HK_AUDIT_PREV_ROWS,
	HK_AUDIT_PREV,
	HK_RESTORED,
	HK_SEALED_TO,
	HK_CONTENT_LENGTH,
	HK_CONTENT_SHA256,
	HK_PUBLIC_KEY,
	HK_COUNT
};
static const char *const hkey_names[HK_COUNT] = {
    "kind",       "from-code",      "from-name",       "to-code",    "to-name",
    "batch",      "revision",       "created",         "cases",      "full-numbers",
    "audit-head", "audit-rows",     "audit-prev-rows", "audit-prev", "restored-from-backup",
    "sealed-to",  "content-length", "content-sha256",  "public-key",
};
/* "yes" or "no" (n bytes at v) into *out. */
static bool parse_yes_no(const char *v, size_t n, bool *out)
{
	*out = n == 3 && memcmp(v, "yes", 3) == 0;
	return *out || (n == 2 && memcmp(v, "no", 2) == 0);
}

/* Keys a package made before them lacks (read as 0, "", no). */
static bool hkey_optional(int k)
{
	return k == HK_AUDIT_PREV_ROWS || k == HK_AUDIT_PREV || k == HK_RESTORED;
}

/* Find "\n\n" (the end of the header) at or after from; its offset or -1. */
static ptrdiff_t find_blank_line(const char *buf, size_t len, size_t from)
{
	for (size_t i = from; i + 1 < len; i++) {
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			return -1;
		i = (size_t)(nl - buf);
		if (i + 1 < len && buf[i + 1] == '\n')
			return (ptrdiff_t)i;
	}
	return -1;
}

/* The value of "content-length: N" in the header [from, to), or -1 when the
 * line is missing or not a number (the malformed check reports it). */
static int64_t peek_content_length(const char *buf, size_t from, size_t to)
{
	static const char key[] = "content-length:";
	size_t klen = sizeof key - 1;
	size_t pos = from;
	while (pos < to) {
		const char *nl = memchr(buf + pos, '\n', to - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : to - pos;
		if (n > klen && memcmp(buf + pos, key, klen) == 0) {
			const char *v = buf + pos + klen;
			size_t vlen = n - klen;
			if (vlen > 0 && *v == ' ') {
				v++;
				vlen--;
			}
			int64_t cl;
			if (parse_count(v, vlen, &cl))
				return cl;
			return -1;
		}
		pos += n + 1;
	}
	return -1;
}

enum bf_pkg_result bf_pkg_open(const char *buf, size_t len, struct bf_pkg_header *h,
                               const char **content, size_t *content_len, bf_error *err)
{
	memset(h, 0, sizeof *h);
	*content = NULL;
	*content_len = 0;
	bf_error_clear(err);

	/* 1. magic */
	size_t mlen = strlen(BF_PKG_MAGIC);
	if (len < mlen + 1 || memcmp(buf, BF_PKG_MAGIC, mlen) != 0 || buf[mlen] != ' ') {
		bf_error_set(err,
		             _("The file is not a bangfu package: it does not begin with "
		               "\"%s\"."),
		             BF_PKG_MAGIC);
		return BF_PKG_NOT_PACKAGE;
	}

	/* 2. version */
	size_t vpos = mlen + 1;
	const char *nl = memchr(buf + vpos, '\n', len - vpos);
	size_t vlen = nl ? (size_t)(nl - (buf + vpos)) : len - vpos;
	/* "2\r": a version 2 package whose line ends were changed (below) */
	bool v_is_ours = (vlen == 1 || (vlen == 2 && buf[vpos + 1] == '\r')) &&
	                 buf[vpos] == '0' + BF_PKG_VERSION;
	if (!v_is_ours && (nl || vlen > 0)) {
		int64_t v;
		if (parse_count(buf + vpos, vlen, &v) && v < BF_PKG_VERSION)
			bf_error_set(
			    err,
			    _("The package is format version %" PRId64
			      ", made by an older bangfu that did not seal its content; "
			      "this bangfu reads version %d only. Ask the sender to update "
			      "bangfu and export it again."),
			    v, BF_PKG_VERSION);
		else if (parse_count(buf + vpos, vlen, &v))
			bf_error_set(err,
			             _("The package is format version %" PRId64
			               "; this bangfu reads version %d. Ask the sender for a "
			               "version %d package, or update bangfu."),
			             v, BF_PKG_VERSION, BF_PKG_VERSION);
		else
			bf_error_set(err,
			             _("The package has an unreadable format version on its first "
			               "line; this bangfu reads version %d."),
			             BF_PKG_VERSION);
		return BF_PKG_WRONG_VERSION;
	}
	h->version = BF_PKG_VERSION;

	/* A package copied as text through Windows has CR LF line ends: the
	 * damage is recognisable, so say what it is rather than "truncated". */
	if (vlen == 2 || (len >= 6 && memcmp(buf + len - 6, "\nend\r\n", 6) == 0)) {
		bf_error_set(err,
		             _("The package is corrupted: its line ends were changed to "
		               "Windows line ends (CR LF) on the way. Copy the file unchanged, "
		               "as a binary file, and read it again."));
		return BF_PKG_CORRUPTED;
	}

	/* 3. truncated */
	if (len < END_LEN || memcmp(buf + len - END_LEN, END_LINE, END_LEN) != 0) {
		bf_error_set(err, _("The package is truncated: it ends before its last line "
		                    "(end)."));
		return BF_PKG_TRUNCATED;
	}
	size_t hstart = vpos + vlen + 1; /* after the first line */
	ptrdiff_t blank = hstart <= len ? find_blank_line(buf, len, hstart - 1) : -1;
	if (blank < 0) {
		bf_error_set(err, _("The package is malformed: its header does not end with an "
		                    "empty line."));
		return BF_PKG_MALFORMED;
	}
	size_t hend = (size_t)blank + 1; /* header lines are [hstart, hend) */
	size_t body = (size_t)blank + 2;
	int64_t cl = peek_content_length(buf, hstart, hend);
	if (cl >= 0) {
		size_t room = len - body; /* body <= len: "\n\n" lies within buf */
		if (room < TRAILER_MIN || (uint64_t)cl > room - TRAILER_MIN) {
			bf_error_set(err,
			             _("The package is truncated: its content is shorter than the "
			               "%" PRId64 " bytes its header announces (content-length)."),
			             cl);
			return BF_PKG_TRUNCATED;
		}
	}

	/* 4. malformed header */
	bool seen[HK_COUNT] = {false};
	char pkhex[BF_PKG_KEY_HEX] = "";
	int64_t content_length = -1;
	int lineno = 1;
	size_t pos = hstart;
	while (pos < hend) {
		const char *line = buf + pos;
		const char *e = memchr(line, '\n', hend - pos);
		size_t n = e ? (size_t)(e - line) : hend - pos;
		pos += n + 1;
		lineno++;
		const char *colon = memchr(line, ':', n);
		if (!colon) {
			bf_error_set(err,
			             _("The package is malformed: header line %d is not "
			               "\"key: value\"."),
			             lineno);
			return BF_PKG_MALFORMED;
		}
		size_t klen = (size_t)(colon - line);
		const char *v = colon + 1;
		size_t vl = n - klen - 1;
		if (vl > 0 && *v == ' ') {
			v++;
			vl--;
		}
		int k = -1;
		for (int i = 0; i < HK_COUNT; i++)
			if (klen == strlen(hkey_names[i]) && memcmp(line, hkey_names[i], klen) == 0)
				k = i;
		if (k < 0) {
			char shown[41];
			size_t sl = klen < 40 ? klen : 40;
			if (!clean_utf8(line, sl))
				snprintf(shown, sizeof shown, "?");
			else
				copy_n(shown, sizeof shown, line, sl);
			bf_error_set(err,
			             _("The package is malformed: header line %d has an unknown "
			               "key \"%s\"."),
			             lineno, shown);
			return BF_PKG_MALFORMED;
		}
		if (seen[k]) {
			bf_error_set(err,
			             _("The package is malformed: header line %d gives \"%s\" a "
			               "second time."),
			             lineno, hkey_names[k]);
			return BF_PKG_MALFORMED;
		}
		seen[k] = true;
		if (!clean_utf8(v, vl)) {
			bf_error_set(err,
			             _("The package is malformed: header line %d (%s) holds a "
			               "control character or text that is not UTF-8."),
			             lineno, hkey_names[k]);
			return BF_PKG_MALFORMED;
		}
		bool ok = true;
		int64_t num = 0;
		switch ((enum hkey)k) {
		case HK_KIND:
			ok = copy_n(h->kind, sizeof h->kind, v, vl) &&
			     (strcmp(h->kind, "submission") == 0 || strcmp(h->kind, "reply") == 0);
			break;
		case HK_FROM_CODE:
			ok = vl > 0 && copy_n(h->from_code, sizeof h->from_code, v, vl);
			break;
		case HK_FROM_NAME:
			ok = copy_n(h->from_name, sizeof h->from_name, v, vl);
			break;
		case HK_TO_CODE:
			ok = copy_n(h->to_code, sizeof h->to_code, v, vl);
			break;
		case HK_TO_NAME:
			ok = copy_n(h->to_name, sizeof h->to_name, v, vl);
			break;
		case HK_BATCH:
			ok = copy_n(h->batch, sizeof h->batch, v, vl);
			break;
		case HK_REVISION:
			ok = parse_count(v, vl, &num) && num <= INT32_MAX;
			h->revision = (int)num;
			break;
		case HK_CREATED:
			ok = copy_n(h->created, sizeof h->created, v, vl);
			break;
		case HK_CASES:
			ok = parse_count(v, vl, &h->cases);
			break;
		case HK_FULL_NUMBERS:
			ok = parse_yes_no(v, vl, &h->full_numbers);
			break;
		case HK_AUDIT_HEAD:
			ok = copy_n(h->audit_head, sizeof h->audit_head, v, vl) &&
			     is_hex64_or_empty(h->audit_head, true);
			break;
		case HK_AUDIT_ROWS:
			ok = parse_count(v, vl, &h->audit_rows);
			break;
		case HK_AUDIT_PREV_ROWS:
			ok = parse_count(v, vl, &h->audit_prev_rows);
			break;
		case HK_AUDIT_PREV:
			ok = copy_n(h->audit_prev, sizeof h->audit_prev, v, vl) &&
			     is_hex64_or_empty(h->audit_prev, true);
			break;
		case HK_RESTORED:
			ok = parse_yes_no(v, vl, &h->restored);
			break;
		case HK_SEALED_TO:
			ok = vl == 64 && unhex_n(v, vl, h->sealed_to, sizeof h->sealed_to);
			break;
		case HK_CONTENT_LENGTH:
			ok = parse_count(v, vl, &content_length);
			break;
		case HK_CONTENT_SHA256:
			ok = copy_n(h->content_sha256, sizeof h->content_sha256, v, vl) &&
			     is_hex64_or_empty(h->content_sha256, false);
			break;
		case HK_PUBLIC_KEY:
			ok = copy_n(pkhex, sizeof pkhex, v, vl) && is_hex64_or_empty(pkhex, true);
			break;
		case HK_COUNT:
			break;
		}
		if (!ok) {
			static const char *const why[HK_COUNT] = {
			    N_("must be \"submission\" or \"reply\""),
			    N_("must be 1 to 31 characters"),
			    N_("is too long (at most 127 bytes)"),
			    N_("is too long (at most 31 bytes)"),
			    N_("is too long (at most 127 bytes)"),
			    N_("is too long (at most 31 bytes)"),
			    N_("must be a whole number"),
			    N_("is too long (at most 31 bytes)"),
			    N_("must be a whole number"),
			    N_("must be \"yes\" or \"no\""),
			    N_("must be 64 hex digits or empty"),
			    N_("must be a whole number"),
			    N_("must be a whole number"),
			    N_("must be 64 hex digits or empty"),
			    N_("must be \"yes\" or \"no\""),
			    N_("must be 64 hex digits"),
			    N_("must be a whole number"),
			    N_("must be 64 hex digits"),
			    N_("must be 64 hex digits or empty"),
			};
			bf_error_set(err, _("The package is malformed: header line %d: \"%s\" %s."),
			             lineno, hkey_names[k], _(why[k]));
			return BF_PKG_MALFORMED;
		}
	}
	for (int i = 0; i < HK_COUNT; i++) {
		if (!seen[i] && !hkey_optional(i)) {
			bf_error_set(err,
			             _("The package is malformed: its header has no \"%s\" line."),
			             hkey_names[i]);
			return BF_PKG_MALFORMED;
		}
	}
	/* content-length parsed, so the truncation check above has run with it */
	size_t clen = (size_t)content_length;
	size_t after = body + clen; /* start of "\nsignature: " */
	size_t tail = len - after;  /* >= TRAILER_MIN */
	if (memcmp(buf + after, SIG_PREFIX, SIG_PREFIX_LEN) != 0) {
		bf_error_set(err, _("The package is malformed: its content is not followed by the "
		                    "signature line (content-length may be wrong)."));
		return BF_PKG_MALFORMED;
	}
	const char *sig = buf + after + SIG_PREFIX_LEN;
	size_t siglen = tail - SIG_PREFIX_LEN - END_LEN;
	bool sig_none = siglen == 4 && memcmp(sig, "none", 4) == 0;
	uint8_t sigbytes[crypto_sign_BYTES];
	if (!sig_none && !unhex_n(sig, siglen, sigbytes, sizeof sigbytes)) {
		bf_error_set(err,
		             _("The package is malformed: the signature line must hold 128 hex "
		               "digits or \"none\"."));
		return BF_PKG_MALFORMED;
	}
	if (!sig_none && pkhex[0] == '\0') {
		bf_error_set(err,
		             _("The package is malformed: it is signed but names no public key "
		               "(public-key)."));
		return BF_PKG_MALFORMED;
	}

	/* 5. corrupted */
	char sha[BF_PKG_HASH_HEX];
	bf_pkg_sha256_hex(buf + body, clen, sha);
	for (char *c = h->content_sha256; *c; c++)
		if (*c >= 'A' && *c <= 'F')
			*c = (char)(*c - 'A' + 'a');
	if (memcmp(sha, h->content_sha256, 64) != 0) {
		bf_error_set(err, _("The package is corrupted: its content does not match its "
		                    "checksum (content-sha256). The file was damaged on the way; "
		                    "ask the sender for it again."));
		return BF_PKG_CORRUPTED;
	}

	/* 6. unsigned: sound but for the signature; the content is handed back
	 * for a store that accepts unsigned packages */
	if (sig_none) {
		*content = buf + body;
		*content_len = clen;
		bf_error_set(err, _("The package is unsigned: its signature line says \"none\", so "
		                    "nobody can tell who made it."));
		return BF_PKG_UNSIGNED;
	}

	/* 7. tampered */
	bf_pkg_unhex(pkhex, h->public_key, 32);
	sodium_ready();
	if (crypto_sign_verify_detached(sigbytes, (const unsigned char *)buf, body,
	                                h->public_key) != 0) {
		bf_error_set(err, _("The package has been tampered with: its signature does not "
		                    "match its contents with the key it names (public-key)."));
		return BF_PKG_TAMPERED;
	}
	h->is_signed = true;
	*content = buf + body;
	*content_len = clen;
	return BF_PKG_OK;
}

/* The sealed content's secretbox key and nonce for the addressee's sk, as
 * crypto_box_seal_open derives them: k = crypto_box_beforenm(ephemeral pk,
 * sk's X25519 key), nonce = BLAKE2b-192(ephemeral pk || X25519 pk); and the
 * XSalsa20 subkey with the first keystream block (its first 32 bytes are
 * the Poly1305 key, the next 32 encrypt the content's first 32 bytes). */
struct unseal_keys {
	uint8_t nonce[crypto_box_NONCEBYTES];
	uint8_t subkey[32];
	uint8_t block0[64];
};

static bool unseal_keys(const char *sealed, size_t len, const uint8_t sk[64], struct unseal_keys *u)
{
	if (len < crypto_box_SEALBYTES)
		return false;
	sodium_ready();
	uint8_t pk[32], xpk[32], xsk[32], k[crypto_box_BEFORENMBYTES];
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	const uint8_t *epk = (const uint8_t *)sealed;
	bool ok = crypto_sign_ed25519_pk_to_curve25519(xpk, pk) == 0 &&
	          crypto_sign_ed25519_sk_to_curve25519(xsk, sk) == 0;
	if (ok) {
		crypto_generichash_state st;
		crypto_generichash_init(&st, NULL, 0, sizeof u->nonce);
		crypto_generichash_update(&st, epk, crypto_box_PUBLICKEYBYTES);
		crypto_generichash_update(&st, xpk, sizeof xpk);
		crypto_generichash_final(&st, u->nonce, sizeof u->nonce);
		ok = crypto_box_beforenm(k, epk, xsk) == 0;
	}
	if (ok) {
		crypto_core_hsalsa20(u->subkey, u->nonce, k, NULL);
		memset(u->block0, 0, sizeof u->block0);
		crypto_stream_salsa20_xor(u->block0, u->block0, sizeof u->block0, u->nonce + 16,
		                          u->subkey);
	}
	sodium_memzero(xsk, sizeof xsk);
	sodium_memzero(k, sizeof k);
	return ok;
}

/* After the ephemeral key: the Poly1305 tag, then the encrypted content. */
#define SEAL_TAG_AT crypto_box_PUBLICKEYBYTES
#define SEAL_BODY_AT (crypto_box_PUBLICKEYBYTES + crypto_box_MACBYTES)

enum bf_pkg_result bf_pkg_unseal_check(const struct bf_pkg_header *h, const char *sealed,
                                       size_t sealed_len, const uint8_t sk[64], bf_error *err)
{
	sodium_ready();
	uint8_t pk[32];
	crypto_sign_ed25519_sk_to_pk(pk, sk);
	if (sodium_memcmp(pk, h->sealed_to, 32) != 0) {
		char to[24], mine[24];
		bf_pkg_fingerprint(h->sealed_to, to);
		bf_pkg_fingerprint(pk, mine);
		bf_error_set(err,
		             _("The package is sealed to another key (%s), not this database's "
		               "key (%s): it was made for another addressee, or the sender holds "
		               "an old key of yours. Give them this database's key file and ask "
		               "for the package again."),
		             to, mine);
		return BF_PKG_WRONG_RECIPIENT;
	}
	struct unseal_keys u;
	bool ok = unseal_keys(sealed, sealed_len, sk, &u) &&
	          crypto_onetimeauth_poly1305_verify((const unsigned char *)sealed + SEAL_TAG_AT,
	                                             (const unsigned char *)sealed + SEAL_BODY_AT,
	                                             sealed_len - SEAL_BODY_AT, u.block0) == 0;
	sodium_memzero(&u, sizeof u);
	if (!ok) {
		bf_error_set(err, "%s",
		             _("The package's sealed content cannot be opened with this "
		               "database's key, although the package names it: it was not "
		               "sealed by bangfu. Ask the sender for it again."));
		return BF_PKG_NOT_OPENED;
	}
	return BF_PKG_OK;
}

enum bf_pkg_result bf_pkg_unseal_unchecked(const char *sealed, size_t sealed_len,
                                           const uint8_t sk[64], char **content,
                                           size_t *content_len, bf_error *err)
{
	*content = NULL;
	*content_len = 0;
	struct unseal_keys u;
	if (!unseal_keys(sealed, sealed_len, sk, &u)) {
		bf_error_set(err, "%s",
		             _("The package's sealed content cannot be opened with this "
		               "database's key, although the package names it: it was not "
		               "sealed by bangfu. Ask the sender for it again."));
		return BF_PKG_NOT_OPENED;
	}
	size_t n = sealed_len - SEAL_BODY_AT;
	const unsigned char *c = (const unsigned char *)sealed + SEAL_BODY_AT;
	unsigned char *m = malloc(n + 1);
	if (!m) {
		sodium_memzero(&u, sizeof u);
		bf_error_set(err, "%s", _("Out of memory while opening the package."));
		return BF_PKG_NOT_OPENED;
	}
	/* XSalsa20 as crypto_secretbox does it: the first block's second half,
	 * then the stream from block 1 */
	size_t first = n < 32 ? n : 32;
	for (size_t i = 0; i < first; i++)
		m[i] = c[i] ^ u.block0[32 + i];
	if (n > first)
		crypto_stream_salsa20_xor_ic(m + first, c + first, n - first, u.nonce + 16, 1,
		                             u.subkey);
	sodium_memzero(&u, sizeof u);
	m[n] = '\0';
	*content = (char *)m;
	*content_len = n;
	return BF_PKG_OK;
}

enum bf_pkg_result bf_pkg_unseal(const struct bf_pkg_header *h, const char *sealed,
                                 size_t sealed_len, const uint8_t sk[64], char **content,
                                 size_t *content_len, bf_error *err)
{
	*content = NULL;
	*content_len = 0;
	enum bf_pkg_result r = bf_pkg_unseal_check(h, sealed, sealed_len, sk, err);
	if (r != BF_PKG_OK)
		return r;
	return bf_pkg_unseal_unchecked(sealed, sealed_len, sk, content, content_len, err);
}

void bf_pkg_content_free(char *content, size_t len)
{
	if (!content)
		return;
	sodium_memzero(content, len);
	free(content);
}

/* ---- files ---------------------------------------------------------------------- */

int bf_pkg_read_file(const char *path, char **buf, size_t *len, bf_error *err)
{
	*buf = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO given by mistake must not hang the screen */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		bf_error_set(err, _("Cannot open %s: %s."), path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		bf_error_set(err, _("Cannot read %s: %s."), path, strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		bf_error_set(err, _("%s is not a regular file."), path);
		close(fd);
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if ((uint64_t)st.st_size > BF_PKG_MAX_SIZE) {
		bf_error_set(err, _("%s is too big to be a package (more than 1 GiB)."), path);
		close(fd);
		return -1;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *p = malloc(cap);
	if (!p) {
		bf_error_set(err, _("Out of memory reading %s."), path);
		close(fd);
		return -1;
	}
	for (;;) {
		if (n + 1 >= cap) { /* the file grew while we read it */
			if (cap > BF_PKG_MAX_SIZE) {
				bf_error_set(err,
				             _("%s is too big to be a package (more than 1 GiB)."),
				             path);
				free(p);
				close(fd);
				return -1;
			}
			char *q = realloc(p, cap * 2);
			if (!q) {
				bf_error_set(err, _("Out of memory reading %s."), path);
				free(p);
				close(fd);
				return -1;
			}
			p = q;
			cap *= 2;
		}
		ssize_t r = read(fd, p + n, cap - 1 - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			bf_error_set(err, _("Cannot read %s: %s."), path, strerror(errno));
			free(p);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	p[n] = '\0'; /* a convenience for text callers; len is what counts */
	*buf = p;
	*len = n;
	return 0;
}

int bf_pkg_write_file(const char *path, const char *buf, size_t len, bf_error *err)
{
	/* private temporary, checked, synced and renamed (outfile.h) */
	return bf_outfile_write_file(path, BF_OUTFILE_FORCE, buf, len, err);
}

/* ---- JSON content ------------------------------------------------------------------ */

/* Where a field lives, for the error message: "case 3 (2026-0007)", "unit". */
struct where {
	char text[96];
};

static bool field_present(json_t *obj, const char *key, json_t **out)
{
	json_t *v = json_object_get(obj, key);
	*out = v;
	return v && !json_is_null(v);
}

/* A text field into dst (cap bytes). Missing or null: "" unless required. */
static bool j_text(json_t *obj, const char *key, char *dst, size_t cap, bool required,
                   const struct where *w, bf_error *err)
{
	json_t *v;
	dst[0] = '\0';
	if (!field_present(obj, key, &v)) {
		if (!required)
			return true;
		bf_error_set(err, _("%s: \"%s\" is missing."), w->text, key);
		return false;
	}
	if (!json_is_string(v)) {
		bf_error_set(err, _("%s: \"%s\" must be text."), w->text, key);
		return false;
	}
	const char *s = json_string_value(v);
	size_t n = strlen(s);
	if (n >= cap) {
		bf_error_set(err, _("%s: \"%s\" is too long (%zu bytes; at most %zu)."), w->text,
		             key, n, cap - 1);
		return false;
	}
	if (required && n == 0) {
		bf_error_set(err, _("%s: \"%s\" is empty."), w->text, key);
		return false;
	}
	memcpy(dst, s, n + 1);
	return true;
}

/* A text field of any length, malloc'd into *dst ("" when missing or null). */
static bool j_text_dup(json_t *obj, const char *key, char **dst, const struct where *w,
                       bf_error *err)
{
	json_t *v;
	const char *s = "";
	if (field_present(obj, key, &v)) {
		if (!json_is_string(v)) {
			bf_error_set(err, _("%s: \"%s\" must be text."), w->text, key);
			return false;
		}
		s = json_string_value(v);
	}
	*dst = strdup(s);
	if (!*dst) {
		bf_error_set(err, _("Out of memory reading the package content."));
		return false;
	}
	return true;
}

/* A whole number in [min, max]. Missing or null: 0 unless required. unit is
 * what the number counts, for the message ("fen"), or NULL. */
static bool j_int(json_t *obj, const char *key, int64_t *out, bool required, int64_t min,
                  int64_t max, const struct where *w, bf_error *err)
{
	json_t *v;
	*out = 0;
	if (!field_present(obj, key, &v)) {
		if (!required)
			return true;
		bf_error_set(err, _("%s: \"%s\" is missing."), w->text, key);
		return false;
	}
	if (!json_is_integer(v)) {
		bf_error_set(err, _("%s: \"%s\" must be a whole number."), w->text, key);
		return false;
	}
	json_int_t x = json_integer_value(v);
	if (x < min || x > max) {
		bf_error_set(err, _("%s: \"%s\" must be between %" PRId64 " and %" PRId64 "."),
		             w->text, key, min, max);
		return false;
	}
	*out = x;
	return true;
}

/* An amount of money in fen: a whole number, not negative. */
static bool j_fen(json_t *obj, const char *key, bf_fen *out, bool required, const struct where *w,
                  bf_error *err)
{
	json_t *v;
	*out = 0;
	if (!field_present(obj, key, &v)) {
		if (!required)
			return true;
		bf_error_set(err, _("%s: \"%s\" is missing."), w->text, key);
		return false;
	}
	if (!json_is_integer(v)) {
		bf_error_set(err, _("%s: \"%s\" must be a whole number of fen."), w->text, key);
		return false;
	}
	json_int_t x = json_integer_value(v);
	/* at most 10^15 fen: far above any aid, far below overflow when summed */
	if (x < 0 || x > 1000000000000000LL) {
		bf_error_set(err, _("%s: \"%s\" must be an amount of fen from 0 up."), w->text,
		             key);
		return false;
	}
	*out = x;
	return true;
}

/* An object field (required) or an array field. */
static json_t *j_object(json_t *obj, const char *key, const struct where *w, bf_error *err)
{
	json_t *v = json_object_get(obj, key);
	if (!v || !json_is_object(v)) {
		bf_error_set(err,
		             v ? _("%s: \"%s\" must be an object.") : _("%s: \"%s\" is missing."),
		             w->text, key);
		return NULL;
	}
	return v;
}

static json_t *j_array(json_t *obj, const char *key, bool required, const struct where *w,
                       bf_error *err, bool *ok)
{
	json_t *v = json_object_get(obj, key);
	*ok = true;
	if (!v || json_is_null(v)) {
		if (required) {
			bf_error_set(err, _("%s: \"%s\" is missing."), w->text, key);
			*ok = false;
		}
		return NULL;
	}
	if (!json_is_array(v)) {
		bf_error_set(err, _("%s: \"%s\" must be a list."), w->text, key);
		*ok = false;
		return NULL;
	}
	return v;
}

static void where_set(struct where *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void where_set(struct where *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->text, sizeof w->text, fmt, ap);
	va_end(ap);
}

/* Load content as a JSON object of the given format, version 1. */
static json_t *load_content(const char *content, size_t len, const char *format, bf_error *err)
{
	json_error_t je;
	json_t *root = json_loadb(content, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		bf_error_set(err,
		             _("The package content is not valid JSON: %s (line %d, column %d)."),
		             je.text, je.line, je.column);
		return NULL;
	}
	json_t *f = json_object_get(root, "format");
	json_t *v = json_object_get(root, "version");
	if (!json_is_object(root) || !json_is_string(f) ||
	    strcmp(json_string_value(f), format) != 0) {
		bf_error_set(err, _("The package content is not in the \"%s\" format."), format);
		json_decref(root);
		return NULL;
	}
	if (!json_is_integer(v) || json_integer_value(v) != 1) {
		bf_error_set(err, _("The package content is not version 1 of the \"%s\" format."),
		             format);
		json_decref(root);
		return NULL;
	}
	return root;
}

/* Indexes sorted by their number text; reports the first duplicate. */
struct numref {
	const char *number;
	const char *batch;
	size_t index;
};

static int numref_cmp(const void *a, const void *b)
{
	const struct numref *x = a, *y = b;
	int c = strcmp(x->number, y->number);
	if (c == 0)
		c = strcmp(x->batch, y->batch);
	if (c == 0)
		c = x->index < y->index ? -1 : x->index > y->index;
	return c;
}

/* The first duplicate in refs (n > 1): false with *first, *second set. */
static bool all_distinct(struct numref *refs, size_t n, size_t *first, size_t *second)
{
	qsort(refs, n, sizeof *refs, numref_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(refs[i - 1].number, refs[i].number) == 0 &&
		    strcmp(refs[i - 1].batch, refs[i].batch) == 0) {
			*first = refs[i - 1].index;
			*second = refs[i].index;
			return false;
		}
	}
	return true;
}

static bool parse_person(json_t *m, struct bf_pkg_person *p, const struct where *w, bf_error *err)
{
	if (!json_is_object(m)) {
		bf_error_set(err, _("%s must be an object."), w->text);
		return false;
	}
	return j_text(m, "name", p->name, sizeof p->name, true, w, err) &&
	       j_text(m, "relation", p->relation, sizeof p->relation, true, w, err) &&
	       j_text(m, "id_number", p->id_number, sizeof p->id_number, false, w, err);
}

/* The fast reading gives this only the fields it reads (fs_reduce_case's
 * list): a field read here must be added there too. */
static bool parse_case(json_t *c, size_t index, struct bf_pkg_case *k, bf_error *err)
{
	struct where w;
	where_set(&w, _("case %zu"), index + 1);
	if (!json_is_object(c)) {
		bf_error_set(err, _("%s must be an object."), w.text);
		return false;
	}
	if (!j_text(c, "number", k->number, sizeof k->number, true, &w, err))
		return false;
	where_set(&w, _("case %zu (%s)"), index + 1, k->number);
	int64_t cat, hh;
	if (!j_text(c, "name", k->name, sizeof k->name, true, &w, err) ||
	    !j_text(c, "id_number", k->id_number, sizeof k->id_number, true, &w, err) ||
	    !j_text(c, "department", k->department, sizeof k->department, false, &w, err) ||
	    !j_text(c, "employer", k->employer, sizeof k->employer, false, &w, err) ||
	    !j_int(c, "category", &cat, true, 1, 5, &w, err) ||
	    !j_fen(c, "amount", &k->amount, true, &w, err) ||
	    !j_fen(c, "per_capita", &k->per_capita, false, &w, err) ||
	    !j_int(c, "household_size", &hh, false, 0, 1000, &w, err))
		return false;
	k->category = (int)cat;
	k->household_size = (int)hh;
	bool ok;
	json_t *members = j_array(c, "members", true, &w, err, &ok);
	if (!ok)
		return false;
	size_t n = json_array_size(members);
	if (n == 0) {
		bf_error_set(err, _("%s: \"members\" is empty (the employee comes first)."),
		             w.text);
		return false;
	}
	k->people = calloc(n, sizeof *k->people);
	if (!k->people) {
		bf_error_set(err, _("Out of memory reading the package content."));
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		struct where mw;
		where_set(&mw, _("case %zu (%s), member %zu"), index + 1, k->number, i + 1);
		if (!parse_person(json_array_get(members, i), &k->people[i], &mw, err))
			return false;
		k->n_people = i + 1;
	}
	if (!k->json) /* the fast reading gives the case's own text */
		k->json = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS);
	if (!k->json) {
		bf_error_set(err, _("Out of memory reading the package content."));
		return false;
	}
	return true;
}

static bool parse_report(json_t *r, size_t index, struct bf_pkg_report *p, bf_error *err)
{
	struct where w;
	where_set(&w, _("publicity report %zu"), index + 1);
	if (!json_is_object(r)) {
		bf_error_set(err, _("%s must be an object."), w.text);
		return false;
	}
	return j_int(r, "round", &p->round, true, 1, INT32_MAX, &w, err) &&
	       j_text(r, "start", p->start, sizeof p->start, false, &w, err) &&
	       j_text(r, "end", p->end, sizeof p->end, false, &w, err) &&
	       j_text(r, "place", p->place, sizeof p->place, false, &w, err) &&
	       j_text_dup(r, "text", &p->text, &w, err);
}

/* No two cases with the same number. */
static enum bf_pkg_result distinct_numbers(const struct bf_pkg_submission *s, bf_error *err)
{
	if (s->n_cases < 2)
		return BF_PKG_OK;
	struct numref *refs = calloc(s->n_cases, sizeof *refs);
	if (!refs) {
		bf_error_set(err, _("Out of memory reading the package content."));
		return BF_PKG_MALFORMED;
	}
	for (size_t i = 0; i < s->n_cases; i++)
		refs[i] = (struct numref){s->cases[i].number, "", i};
	size_t a, b;
	bool distinct = all_distinct(refs, s->n_cases, &a, &b);
	free(refs);
	if (!distinct) {
		bf_error_set(err, _("case %zu (%s): the same case number as case %zu."), b + 1,
		             s->cases[b].number, a + 1);
		return BF_PKG_MALFORMED;
	}
	return BF_PKG_OK;
}

static enum bf_pkg_result parse_submission_root(json_t *root, struct bf_pkg_submission *s,
                                                bf_error *err)
{
	struct where w;
	where_set(&w, "%s", _("the content"));
	json_t *unit = j_object(root, "unit", &w, err);
	if (!unit)
		return BF_PKG_MALFORMED;
	where_set(&w, "%s", _("the unit"));
	if (!j_text(unit, "code", s->unit_code, sizeof s->unit_code, true, &w, err) ||
	    !j_text(unit, "name", s->unit_name, sizeof s->unit_name, true, &w, err) ||
	    !j_text(unit, "union_name", s->union_name, sizeof s->union_name, false, &w, err) ||
	    !j_text(unit, "district", s->district, sizeof s->district, false, &w, err) ||
	    !j_text(unit, "address", s->address, sizeof s->address, false, &w, err) ||
	    !j_text(unit, "contact", s->contact, sizeof s->contact, false, &w, err) ||
	    !j_text(unit, "phone", s->phone, sizeof s->phone, false, &w, err))
		return BF_PKG_MALFORMED;
	where_set(&w, "%s", _("the content"));
	json_t *batch = j_object(root, "batch", &w, err);
	if (!batch)
		return BF_PKG_MALFORMED;
	where_set(&w, "%s", _("the batch"));
	int64_t rev;
	if (!j_text(batch, "id", s->batch, sizeof s->batch, true, &w, err) ||
	    !j_int(batch, "revision", &rev, true, 1, INT32_MAX, &w, err) ||
	    !j_text(batch, "created", s->created, sizeof s->created, false, &w, err) ||
	    !j_text(batch, "created_by", s->created_by, sizeof s->created_by, false, &w, err))
		return BF_PKG_MALFORMED;
	s->revision = (int)rev;

	where_set(&w, "%s", _("the content"));
	bool ok;
	json_t *reports = j_array(root, "reports", false, &w, err, &ok);
	if (!ok)
		return BF_PKG_MALFORMED;
	size_t nr = json_array_size(reports);
	if (nr > 0) {
		s->reports = calloc(nr, sizeof *s->reports);
		if (!s->reports) {
			bf_error_set(err, _("Out of memory reading the package content."));
			return BF_PKG_MALFORMED;
		}
		for (size_t i = 0; i < nr; i++) {
			s->n_reports = i + 1; /* so free sees the partly filled one */
			if (!parse_report(json_array_get(reports, i), i, &s->reports[i], err))
				return BF_PKG_MALFORMED;
		}
	}

	json_t *cases = j_array(root, "cases", true, &w, err, &ok);
	if (!ok)
		return BF_PKG_MALFORMED;
	size_t nc = json_array_size(cases);
	if (nc == 0)
		return BF_PKG_OK;
	s->cases = calloc(nc, sizeof *s->cases);
	if (!s->cases) {
		bf_error_set(err, _("Out of memory reading the package content."));
		return BF_PKG_MALFORMED;
	}
	for (size_t i = 0; i < nc; i++) {
		s->n_cases = i + 1;
		if (!parse_case(json_array_get(cases, i), i, &s->cases[i], err))
			return BF_PKG_MALFORMED;
	}
	return distinct_numbers(s, err);
}

/* ---- a large submission read without jansson's whole tree ------------------------- */

/* A submission of 10,000 cases is about 35 MB of JSON. jansson's tree of all
 * of it, and each case written back out, cost several times what storing the
 * cases does. So the content is first checked by a scanner that accepts only
 * what jansson accepts here (the strict grammar, UTF-8, no duplicate keys,
 * integers that fit 64 bits), recording where each case lies; jansson then
 * reads only the small parts: the content without its cases, and of each
 * case the fields read above (its members cut down to name, relation and
 * id_number). A case's JSON text is its own text without white space.
 * Whatever the scanner is not sure of (an escape in a key, \u0000 or a
 * surrogate escape, an exponent, a very long integer, deep nesting, any
 * error at all) sends the whole content to the plain reading, which gives
 * jansson's exact message. */

#define FAST_MAX_DEPTH 64
#define FAST_MAX_KEYS 128

struct fspan {
	const char *p;
	size_t n;
};

struct fscan {
	const char *p, *end;
	int depth;
	/* the root's "cases" array: its text and where each case lies */
	struct fspan cases_value;
	struct fspan *cases;
	bool *spaced; /* a case has white space outside its strings */
	size_t n_cases, cap, cap_spaced;
	bool oom;
	bool ws; /* white space was skipped */
};

static void fs_ws(struct fscan *f)
{
	const char *p = f->p;
	while (p < f->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	f->ws |= p != f->p;
	f->p = p;
}

static int fs_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A string at f->p (the opening quote). *esc: it holds an escape. */
static bool fs_string(struct fscan *f, bool *esc)
{
	const unsigned char *p = (const unsigned char *)f->p + 1;
	const unsigned char *end = (const unsigned char *)f->end;
	*esc = false;
	while (p < end) {
		unsigned char c = *p;
		if (c == '"') {
			f->p = (const char *)p + 1;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			*esc = true;
			if (end - p < 2)
				return false;
			c = p[1];
			if (c == 'u') {
				if (end - p < 6)
					return false;
				unsigned v = 0;
				for (int i = 2; i < 6; i++) {
					int h = fs_hex(p[i]);
					if (h < 0)
						return false;
					v = v * 16 + (unsigned)h;
				}
				if (v == 0 || (v >= 0xD800 && v <= 0xDFFF))
					return false;
				p += 6;
			} else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' ||
			           c == 'n' || c == 'r' || c == 't') {
				p += 2;
			} else {
				return false;
			}
			continue;
		}
		if (c < 0x80) {
			p++;
			continue;
		}
		/* UTF-8 as jansson checks it: no overlong forms, no surrogates,
		 * nothing above U+10FFFF */
		size_t n;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			cp = c & 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) < n)
			return false;
		for (size_t i = 1; i < n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		p += n;
	}
	return false;
}

static bool fs_digit(const char *p, const char *end)
{
	return p < end && *p >= '0' && *p <= '9';
}

static bool fs_number(struct fscan *f)
{
	const char *p = f->p, *end = f->end;
	if (p < end && *p == '-')
		p++;
	const char *digits = p;
	if (p < end && *p == '0')
		p++;
	else if (fs_digit(p, end))
		while (fs_digit(p, end))
			p++;
	else
		return false;
	size_t nint = (size_t)(p - digits);
	bool real = false;
	if (p < end && *p == '.') {
		p++;
		if (!fs_digit(p, end))
			return false;
		while (fs_digit(p, end))
			p++;
		real = true;
	}
	/* exponents and long integers: jansson decides (overflow) */
	if (p < end && (*p == 'e' || *p == 'E'))
		return false;
	if ((!real && nint > 18) || nint > 300)
		return false;
	f->p = p;
	return true;
}

static bool fs_value(struct fscan *f);
static bool fs_cases(struct fscan *f);

static bool fs_object(struct fscan *f)
{
	if (++f->depth > FAST_MAX_DEPTH)
		return false;
	struct fspan keys[FAST_MAX_KEYS];
	size_t nk = 0;
	f->p++;
	fs_ws(f);
	if (f->p < f->end && *f->p == '}') {
		f->p++;
		f->depth--;
		return true;
	}
	for (;;) {
		if (f->p >= f->end || *f->p != '"')
			return false;
		const char *k = f->p + 1;
		bool esc;
		if (!fs_string(f, &esc) || esc || nk == FAST_MAX_KEYS)
			return false;
		size_t kn = (size_t)(f->p - 1 - k);
		for (size_t i = 0; i < nk; i++)
			if (keys[i].n == kn && memcmp(keys[i].p, k, kn) == 0)
				return false;
		keys[nk++] = (struct fspan){k, kn};
		fs_ws(f);
		if (f->p >= f->end || *f->p != ':')
			return false;
		f->p++;
		fs_ws(f);
		bool cases = f->depth == 1 && kn == 5 && memcmp(k, "cases", 5) == 0 &&
		             f->p < f->end && *f->p == '[';
		if (!(cases ? fs_cases(f) : fs_value(f)))
			return false;
		fs_ws(f);
		if (f->p < f->end && *f->p == ',') {
			f->p++;
			fs_ws(f);
			continue;
		}
		if (f->p < f->end && *f->p == '}') {
			f->p++;
			f->depth--;
			return true;
		}
		return false;
	}
}

static bool fs_array(struct fscan *f)
{
	if (++f->depth > FAST_MAX_DEPTH)
		return false;
	f->p++;
	fs_ws(f);
	if (f->p < f->end && *f->p == ']') {
		f->p++;
		f->depth--;
		return true;
	}
	for (;;) {
		if (!fs_value(f))
			return false;
		fs_ws(f);
		if (f->p < f->end && *f->p == ',') {
			f->p++;
			fs_ws(f);
			continue;
		}
		if (f->p < f->end && *f->p == ']') {
			f->p++;
			f->depth--;
			return true;
		}
		return false;
	}
}

/* The root's "cases": an array, each element checked and its place kept. */
static bool fs_cases(struct fscan *f)
{
	const char *start = f->p;
	f->depth++;
	f->p++;
	fs_ws(f);
	if (f->p < f->end && *f->p == ']') {
		f->p++;
		f->depth--;
		f->cases_value = (struct fspan){start, (size_t)(f->p - start)};
		return true;
	}
	for (;;) {
		const char *e = f->p;
		f->ws = false;
		if (!fs_value(f))
			return false;
		if (!bf_grow(&f->cases, &f->cap, f->n_cases + 1, sizeof *f->cases) ||
		    !bf_grow(&f->spaced, &f->cap_spaced, f->n_cases + 1, sizeof *f->spaced)) {
			f->oom = true;
			return false;
		}
		f->spaced[f->n_cases] = f->ws;
		f->cases[f->n_cases++] = (struct fspan){e, (size_t)(f->p - e)};
		fs_ws(f);
		if (f->p < f->end && *f->p == ',') {
			f->p++;
			fs_ws(f);
			continue;
		}
		if (f->p < f->end && *f->p == ']') {
			f->p++;
			f->depth--;
			f->cases_value = (struct fspan){start, (size_t)(f->p - start)};
			return true;
		}
		return false;
	}
}

static bool fs_literal(struct fscan *f, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, word, n) != 0)
		return false;
	f->p += n;
	return true;
}

static bool fs_value(struct fscan *f)
{
	if (f->p >= f->end)
		return false;
	bool esc;
	switch (*f->p) {
	case '{':
		return fs_object(f);
	case '[':
		return fs_array(f);
	case '"':
		return fs_string(f, &esc);
	case 't':
		return fs_literal(f, "true");
	case 'f':
		return fs_literal(f, "false");
	case 'n':
		return fs_literal(f, "null");
	default:
		return fs_number(f);
	}
}

/* The byte after the closing quote of a checked string starting at p (its
 * opening quote): memchr to each quote, and a quote after an odd run of
 * backslashes is escaped. */
static const char *fs_string_end(const char *p, const char *end)
{
	for (p++; p < end;) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return end;
		size_t bs = 0;
		while (q - bs > p && q[-1 - (ptrdiff_t)bs] == '\\')
			bs++;
		if (bs % 2 == 0)
			return q + 1;
		p = q + 1;
	}
	return end;
}

/* The end of a value already checked: brackets and strings matched, nothing
 * checked again. */
static const char *fs_skip(const char *p, const char *end)
{
	int depth = 0;
	while (p < end) {
		char c = *p;
		if (c == '"') {
			p = fs_string_end(p, end);
			if (depth == 0)
				return p;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (--depth <= 0)
				return depth == 0 ? p + 1 : p;
		} else if (depth == 0 &&
		           (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
			return p;
		}
		p++;
	}
	return p;
}

/* A checked value's text without white space outside its strings. */
static void fs_compact(struct sbuf *b, const char *p, const char *end)
{
	const char *run = p;
	while (p < end) {
		char c = *p;
		if (c == '"') {
			p = fs_string_end(p, end);
		} else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			sb_addn(b, run, (size_t)(p - run));
			while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
				p++;
			run = p;
		} else {
			p++;
		}
	}
	sb_addn(b, run, (size_t)(p - run));
}

/* The members of a checked object, one by one: key (without quotes) and
 * value. false at the end. */
struct fmember {
	const char *p, *end;
	struct fspan key, value;
	struct fspan known; /* a value whose end is known already */
};

static bool fs_next_member(struct fmember *m)
{
	struct fscan f = {.p = m->p, .end = m->end};
	fs_ws(&f);
	if (f.p < f.end && (*f.p == '{' || *f.p == ','))
		f.p++;
	fs_ws(&f);
	if (f.p >= f.end || *f.p != '"')
		return false;
	const char *k = f.p + 1;
	f.p = fs_string_end(f.p, f.end);
	m->key = (struct fspan){k, (size_t)(f.p - 1 - k)};
	fs_ws(&f);
	f.p++; /* ':' */
	fs_ws(&f);
	const char *v = f.p;
	f.p = v == m->known.p ? v + m->known.n : fs_skip(v, f.end);
	m->value = (struct fspan){v, (size_t)(f.p - v)};
	m->p = f.p;
	return true;
}

static bool fs_key_is(const struct fspan *k, const char *name)
{
	return k->n == strlen(name) && memcmp(k->p, name, k->n) == 0;
}

static void fs_add_member(struct sbuf *b, const struct fmember *m, bool *first)
{
	sb_addn(b, *first ? "\"" : ",\"", *first ? 1 : 2);
	*first = false;
	sb_addn(b, m->key.p, m->key.n);
	sb_addn(b, "\":", 2);
	sb_addn(b, m->value.p, m->value.n);
}

/* The fields parse_case reads (keep this list and parse_case together), as a
 * small object text. */
static void fs_reduce_case(struct sbuf *b, struct fspan c)
{
	static const char *const kept[] = {"number",     "name",       "id_number",
	                                   "department", "employer",   "category",
	                                   "amount",     "per_capita", "household_size"};
	sb_addn(b, "{", 1);
	bool first = true;
	struct fmember m = {.p = c.p, .end = c.p + c.n};
	while (fs_next_member(&m)) {
		bool keep = false;
		for (size_t i = 0; i < BF_ARRAY_LEN(kept) && !keep; i++)
			keep = fs_key_is(&m.key, kept[i]);
		if (keep) {
			fs_add_member(b, &m, &first);
			continue;
		}
		if (!fs_key_is(&m.key, "members"))
			continue;
		if (m.value.p[0] != '[') {
			fs_add_member(b, &m, &first);
			continue;
		}
		sb_addn(b, first ? "\"members\":[" : ",\"members\":[", first ? 11 : 12);
		first = false;
		struct fscan f = {.p = m.value.p + 1, .end = m.value.p + m.value.n};
		for (bool firstel = true;; firstel = false) {
			fs_ws(&f);
			if (f.p >= f.end || *f.p == ']')
				break;
			if (*f.p == ',') {
				f.p++;
				fs_ws(&f);
			}
			const char *e = f.p;
			f.p = fs_skip(e, f.end);
			if (!firstel)
				sb_addn(b, ",", 1);
			if (*e != '{') {
				sb_addn(b, e, (size_t)(f.p - e));
				continue;
			}
			sb_addn(b, "{", 1);
			bool firstm = true;
			struct fmember pm = {.p = e, .end = f.p};
			while (fs_next_member(&pm))
				if (fs_key_is(&pm.key, "name") || fs_key_is(&pm.key, "relation") ||
				    fs_key_is(&pm.key, "id_number"))
					fs_add_member(b, &pm, &firstm);
			sb_addn(b, "}", 1);
		}
		sb_addn(b, "]", 1);
	}
	sb_addn(b, "}", 1);
}

/* true when the fast reading decided (*res, with err on a refusal); false:
 * read it the plain way (s is left empty). */
static bool parse_submission_fast(const char *content, size_t len, struct bf_pkg_submission *s,
                                  bf_error *err, enum bf_pkg_result *res)
{
	struct fscan f = {.p = content, .end = content + len};
	fs_ws(&f);
	if (f.p >= f.end || *f.p != '{')
		return false;
	/* check the whole content, and find the cases */
	const char *root = f.p;
	bool ok = fs_object(&f);
	fs_ws(&f);
	if (!ok || f.p != f.end || f.oom) {
		free(f.cases);
		free(f.spaced);
		return false;
	}
	struct fspan *spans = f.cases;
	size_t nc = f.n_cases;
	struct sbuf small = {0};
	sb_addn(&small, "{", 1);
	bool first = true;
	struct fmember m = {.p = root, .end = f.end, .known = f.cases_value};
	while (fs_next_member(&m)) {
		if (m.value.p == f.cases_value.p)
			fs_add_member(&small, &(struct fmember){.key = m.key, .value = {"[]", 2}},
			              &first);
		else
			fs_add_member(&small, &m, &first);
	}
	sb_addn(&small, "}", 1);
	if (small.oom) {
		free(small.p);
		free(spans);
		free(f.spaced);
		return false;
	}
	/* the content without its cases, the plain way */
	json_t *top = load_content(small.p, small.len, "bangfu-submission", err);
	free(small.p);
	if (!top) {
		free(spans);
		free(f.spaced);
		*res = BF_PKG_MALFORMED;
		return true;
	}
	*res = parse_submission_root(top, s, err);
	json_decref(top);
	if (*res != BF_PKG_OK || nc == 0) {
		free(spans);
		free(f.spaced);
		return true;
	}
	s->cases = calloc(nc, sizeof *s->cases);
	if (!s->cases) {
		free(spans);
		free(f.spaced);
		bf_error_set(err, _("Out of memory reading the package content."));
		*res = BF_PKG_MALFORMED;
		return true;
	}
	struct sbuf red = {0};
	for (size_t i = 0; i < nc; i++) {
		struct fspan c = spans[i];
		const char *e = c.p;
		struct bf_pkg_case *k = &s->cases[i];
		s->n_cases = i + 1;
		red.len = 0;
		if (*e == '{')
			fs_reduce_case(&red, c);
		else
			sb_addn(&red, c.p, c.n);
		struct sbuf text = {0};
		if (f.spaced[i])
			fs_compact(&text, c.p, c.p + c.n);
		else
			sb_addn(&text, c.p, c.n);
		k->json = text.p;
		json_error_t je;
		json_t *cj = red.oom || text.oom ? NULL : json_loadb(red.p, red.len, 0, &je);
		if (!cj) {
			/* cannot happen with checked parts; read it the plain way */
			free(red.p);
			free(spans);
			free(f.spaced);
			bf_pkg_submission_free(s);
			bf_error_clear(err);
			return false;
		}
		bool ok = parse_case(cj, i, k, err);
		json_decref(cj);
		if (!ok) {
			free(red.p);
			free(spans);
			free(f.spaced);
			*res = BF_PKG_MALFORMED;
			return true;
		}
	}
	free(red.p);
	free(spans);
	free(f.spaced);
	*res = distinct_numbers(s, err);
	return true;
}

enum bf_pkg_result bf_pkg_parse_submission(const char *content, size_t len,
                                           struct bf_pkg_submission *s, bf_error *err)
{
	memset(s, 0, sizeof *s);
	bf_error_clear(err);
	enum bf_pkg_result fast;
	if (parse_submission_fast(content, len, s, err, &fast))
		return fast;
	return bf_pkg_parse_submission_plain(content, len, s, err);
}

enum bf_pkg_result bf_pkg_parse_submission_plain(const char *content, size_t len,
                                                 struct bf_pkg_submission *s, bf_error *err)
{
	memset(s, 0, sizeof *s);
	bf_error_clear(err);
	json_t *root = load_content(content, len, "bangfu-submission", err);
	if (!root)
		return BF_PKG_MALFORMED;
	enum bf_pkg_result r = parse_submission_root(root, s, err);
	json_decref(root);
	return r;
}

void bf_pkg_submission_free(struct bf_pkg_submission *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_cases; i++) {
		free(s->cases[i].people);
		free(s->cases[i].json);
	}
	for (size_t i = 0; i < s->n_reports; i++)
		free(s->reports[i].text);
	free(s->cases);
	free(s->reports);
	memset(s, 0, sizeof *s);
}

/* The states a returned case may go back to (the format's list; the store
 * checks the state machine again when it applies a reply). */
static const char *const back_to_codes[] = {"draft", "docs_complete", "approved",
                                            "publicity_passed"};

static bool parse_decision(json_t *d, size_t index, struct bf_pkg_decision_row *row, bf_error *err)
{
	struct where w;
	where_set(&w, _("decision %zu"), index + 1);
	if (!json_is_object(d)) {
		bf_error_set(err, _("%s must be an object."), w.text);
		return false;
	}
	if (!j_text(d, "number", row->number, sizeof row->number, true, &w, err))
		return false;
	where_set(&w, _("decision %zu (%s)"), index + 1, row->number);
	char decision[16];
	if (!j_text(d, "batch", row->batch, sizeof row->batch, false, &w, err) ||
	    !j_text(d, "decision", decision, sizeof decision, true, &w, err) ||
	    !j_text(d, "reason", row->reason, sizeof row->reason, false, &w, err) ||
	    !j_text(d, "back_to", row->back_to, sizeof row->back_to, false, &w, err) ||
	    !j_text(d, "decided_at", row->decided_at, sizeof row->decided_at, false, &w, err) ||
	    !j_text(d, "decided_by", row->decided_by, sizeof row->decided_by, false, &w, err))
		return false;
	if (strcmp(decision, "accept") == 0) {
		row->decision = BF_PKG_ACCEPT;
		if (!j_fen(d, "amount", &row->amount, true, &w, err))
			return false;
		if (row->amount <= 0) {
			bf_error_set(err, _("%s: an accepted case needs an \"amount\" above 0."),
			             w.text);
			return false;
		}
	} else if (strcmp(decision, "return") == 0) {
		row->decision = BF_PKG_RETURN;
		if (!j_fen(d, "amount", &row->amount, false, &w, err))
			return false;
		if (bf_blank(row->reason)) {
			bf_error_set(err, _("%s: a returned case needs a \"reason\"."), w.text);
			return false;
		}
		bool known = false;
		for (size_t i = 0; i < BF_ARRAY_LEN(back_to_codes); i++)
			known = known || strcmp(row->back_to, back_to_codes[i]) == 0;
		if (!known) {
			bf_error_set(err,
			             _("%s: \"back_to\" must be draft, docs_complete, approved or "
			               "publicity_passed."),
			             w.text);
			return false;
		}
	} else {
		bf_error_set(err, _("%s: \"decision\" must be \"accept\" or \"return\"."), w.text);
		return false;
	}
	return true;
}

/* The reply's optional "calendar": the district's years and days. */
static bool parse_calendar(json_t *root, struct bf_holiday_file *f, bf_error *err)
{
	struct where w;
	where_set(&w, "%s", _("the calendar"));
	json_t *cal = json_object_get(root, "calendar");
	if (!cal || json_is_null(cal))
		return true;
	if (!json_is_object(cal)) {
		bf_error_set(err, _("%s must be an object."), w.text);
		return false;
	}
	bool ok;
	json_t *years = j_array(cal, "years", true, &w, err, &ok);
	json_t *days = ok ? j_array(cal, "days", true, &w, err, &ok) : NULL;
	if (!ok)
		return false;
	size_t ny = json_array_size(years), nd = json_array_size(days);
	f->years = calloc(ny ? ny : 1, sizeof *f->years);
	f->days = calloc(nd ? nd : 1, sizeof *f->days);
	if (!f->years || !f->days) {
		bf_error_set(err, _("Out of memory reading the package content."));
		return false;
	}
	f->capyears = ny;
	f->cap = nd;
	for (size_t i = 0; i < ny; i++) {
		json_t *y = json_array_get(years, i);
		where_set(&w, _("calendar year %zu"), i + 1);
		int64_t year;
		struct bf_holiday_year *out = &f->years[i];
		if (!json_is_object(y)) {
			bf_error_set(err, _("%s must be an object."), w.text);
			return false;
		}
		if (!j_int(y, "year", &year, true, 1900, 2199, &w, err) ||
		    !j_text(y, "source", out->note, sizeof out->note, false, &w, err) ||
		    !j_text(y, "updated_at", out->updated_at, sizeof out->updated_at, true, &w,
		            err))
			return false;
		out->year = (int)year;
		if (i && out->year <= f->years[i - 1].year) {
			bf_error_set(err, _("%s: the years must be in order, each once."), w.text);
			return false;
		}
		f->nyears = i + 1;
	}
	for (size_t i = 0; i < nd; i++) {
		json_t *d = json_array_get(days, i);
		where_set(&w, _("calendar day %zu"), i + 1);
		struct bf_holiday_day *out = &f->days[i];
		char date[16], kind[8];
		if (!json_is_object(d)) {
			bf_error_set(err, _("%s must be an object."), w.text);
			return false;
		}
		if (!j_text(d, "date", date, sizeof date, true, &w, err) ||
		    !j_text(d, "kind", kind, sizeof kind, true, &w, err) ||
		    !j_text(d, "name", out->name, sizeof out->name, false, &w, err))
			return false;
		if (!bf_date_parse(date, &out->date) || (i && out->date <= f->days[i - 1].date)) {
			bf_error_set(err, _("%s: \"date\" must be a date YYYY-MM-DD, in order."),
			             w.text);
			return false;
		}
		if (strcmp(kind, "off") && strcmp(kind, "work")) {
			bf_error_set(err, _("%s: \"kind\" must be \"off\" or \"work\"."), w.text);
			return false;
		}
		bf_day_kind_parse(kind, &out->kind);
		f->n = i + 1;
	}
	return true;
}

static enum bf_pkg_result parse_reply_root(json_t *root, struct bf_pkg_reply *r, bf_error *err)
{
	struct where w;
	where_set(&w, "%s", _("the content"));
	json_t *district = j_object(root, "district", &w, err);
	if (!district)
		return BF_PKG_MALFORMED;
	where_set(&w, "%s", _("the district"));
	if (!j_text(district, "code", r->district_code, sizeof r->district_code, true, &w, err) ||
	    !j_text(district, "name", r->district_name, sizeof r->district_name, false, &w, err))
		return BF_PKG_MALFORMED;
	where_set(&w, "%s", _("the content"));
	json_t *unit = j_object(root, "unit", &w, err);
	if (!unit)
		return BF_PKG_MALFORMED;
	where_set(&w, "%s", _("the unit"));
	if (!j_text(unit, "code", r->unit_code, sizeof r->unit_code, true, &w, err) ||
	    !j_text(unit, "name", r->unit_name, sizeof r->unit_name, false, &w, err))
		return BF_PKG_MALFORMED;
	where_set(&w, "%s", _("the content"));
	bool ok;
	if (!j_text(root, "created", r->created, sizeof r->created, false, &w, err))
		return BF_PKG_MALFORMED;
	json_t *decisions = j_array(root, "decisions", true, &w, err, &ok);
	if (!ok || !parse_calendar(root, &r->calendar, err))
		return BF_PKG_MALFORMED;
	size_t n = json_array_size(decisions);
	if (n == 0)
		return BF_PKG_OK;
	r->decisions = calloc(n, sizeof *r->decisions);
	struct numref *refs = calloc(n, sizeof *refs);
	if (!r->decisions || !refs) {
		free(refs);
		bf_error_set(err, _("Out of memory reading the package content."));
		return BF_PKG_MALFORMED;
	}
	for (size_t i = 0; i < n; i++) {
		r->n = i + 1;
		if (!parse_decision(json_array_get(decisions, i), i, &r->decisions[i], err)) {
			free(refs);
			return BF_PKG_MALFORMED;
		}
		refs[i] = (struct numref){r->decisions[i].number, r->decisions[i].batch, i};
	}
	size_t a, b;
	bool distinct = all_distinct(refs, n, &a, &b);
	free(refs);
	if (!distinct) {
		bf_error_set(err,
		             _("decision %zu (%s): a second decision on the same case (as "
		               "decision %zu)."),
		             b + 1, r->decisions[b].number, a + 1);
		return BF_PKG_MALFORMED;
	}
	return BF_PKG_OK;
}

enum bf_pkg_result bf_pkg_parse_reply(const char *content, size_t len, struct bf_pkg_reply *r,
                                      bf_error *err)
{
	memset(r, 0, sizeof *r);
	bf_error_clear(err);
	json_t *root = load_content(content, len, "bangfu-reply", err);
	if (!root)
		return BF_PKG_MALFORMED;
	enum bf_pkg_result res = parse_reply_root(root, r, err);
	json_decref(root);
	return res;
}

void bf_pkg_reply_free(struct bf_pkg_reply *r)
{
	if (!r)
		return;
	free(r->decisions);
	bf_holiday_file_free(&r->calendar);
	memset(r, 0, sizeof *r);
}
