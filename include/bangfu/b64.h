/* b64.h — base64 (RFC 4648 standard alphabet, no padding) for sealed values.
 *
 * libsodium's codec is constant-time, which costs ten times a table lookup
 * (30 µs for a 3.5 KB file's data here); what it encodes is ciphertext, no
 * secret, so the vault uses this one. The decoder is as strict as
 * sodium_base642bin with sodium_base64_VARIANT_ORIGINAL_NO_PADDING: no
 * padding, no white space, no other characters, unused trailing bits zero.
 * Domain layer: no curses, no SQL. */
#ifndef BANGFU_B64_H
#define BANGFU_B64_H

#include <stddef.h>

/* Characters bf_b64_encode writes for n bytes, without the NUL. */
#define BF_B64_LEN(n) (((n) / 3) * 4 + ((n) % 3 ? (n) % 3 + 1 : 0))

/* Writes BF_B64_LEN(n) characters and a NUL to out; returns out. */
char *bf_b64_encode(char *out, const unsigned char *in, size_t n);
/* Decodes len characters into out (room for len * 3 / 4 bytes): 0 and the
 * byte count in *n, or -1 when the text is not such base64. */
int bf_b64_decode(unsigned char *out, const char *in, size_t len, size_t *n);

#endif
