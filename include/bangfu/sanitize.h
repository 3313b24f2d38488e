/* sanitize.h — one output sanitizer for the command line, and the intake
 * check for control characters (pure domain code).
 *
 * Text from the database (names, addresses, reasons, imported packages) may
 * hold terminal controls: ESC sequences that clear the screen or write the
 * clipboard (OSC 52), C1 controls, DEL, and the bidi controls that reorder
 * what is shown (U+202A–U+202E, U+2066–U+2069). Everything the command line
 * prints goes through bf_sanitize(): the context's streams are wrapped by
 * bf_sanitized_stream() in main. A control is shown as a visible
 * stand-in: a C0 control as its control picture (U+2400 + code: ESC is
 * ␛), DEL as ␡, a C1 or bidi control and bytes that are not UTF-8 as �.
 * Newline and tab pass.
 *
 * Text fields are refused at intake (the form, the CSV import, the
 * district's package import) when they hold any of those: bf_text_has_control. */
#ifndef BANGFU_SANITIZE_H
#define BANGFU_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Write len bytes of s to f with the controls replaced. Returns how many of
 * the bytes were consumed: all of them, except an incomplete UTF-8 sequence
 * at the end when more may follow (at_end false), which the caller passes
 * again with the next bytes. */
size_t bf_sanitize(FILE *f, const char *s, size_t len, bool at_end);

/* A stream that writes to `to` through bf_sanitize (line buffered); closing
 * it flushes, and does not close `to`. NULL when it cannot be made. */
FILE *bf_sanitized_stream(FILE *to);

/* True when s holds a control character other than newline (and tab when
 * multiline): C0, DEL, C1, the bidi controls, or bytes that are not UTF-8. */
bool bf_text_has_control(const char *s, bool multiline);

#endif
