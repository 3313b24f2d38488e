/* code.c — codes and the parts of file names made from data (code.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/code.h"

bool bf_code_ok(const char *code, const char *field, bf_error *err)
{
	size_t n = code ? strlen(code) : 0;
	bool ok = n >= 1 && n <= BF_CODE_MAX;
	for (size_t i = 0; ok && i < n; i++) {
		char c = code[i];
		ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		     c == '_' || c == '-';
	}
	if (!ok && err) {
		/* the value is not shown as it is: it may hold anything */
		char shown[3 * BF_CODE_MAX + 8];
		size_t k = 0;
		for (size_t i = 0; i < n && k + 5 < sizeof shown; i++) {
			unsigned char c = (unsigned char)code[i];
			if (c >= 0x21 && c < 0x7f && c != '"')
				shown[k++] = (char)c;
			else
				k += (size_t)snprintf(shown + k, sizeof shown - k, "\\x%02x", c);
		}
		shown[k < sizeof shown ? k : sizeof shown - 1] = '\0';
		if (k + 5 >= sizeof shown && n > 0)
			bf_strlcpy(shown + sizeof shown - 4, "...", 4);
		bf_error_set(err,
		             _("%s \"%s\": a code has 1 to %d letters (A-Z, a-z), digits, '_' or "
		               "'-', nothing else."),
		             field, shown, BF_CODE_MAX);
	}
	return ok;
}

void bf_filename_part(const char *text, char *out, size_t n)
{
	if (n == 0)
		return;
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
		size_t len = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3 : 4;
		if (k + len >= n)
			break;
		if (len == 1) {
			unsigned char c = *p;
			bool bad =
			    c < 0x20 || c == 0x7f || c == '/' || c == '\\' || (k == 0 && c == '.');
			out[k++] = bad ? '_' : (char)c;
			continue;
		}
		size_t i;
		for (i = 0; i < len && p[i]; i++)
			out[k + i] = (char)p[i];
		if (i < len) /* cut short: dropped */
			break;
		k += len;
		p += len - 1;
	}
	if (k == 0)
		out[k++] = '_';
	out[k < n ? k : n - 1] = '\0';
}
