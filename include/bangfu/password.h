/* password.h — is a new password too easy to guess? (NIST SP 800-63B
 * 5.1.1.2: no composition rules, but a check against common and dictionary
 * passwords.) Two checks: the list of the most common passwords shipped in
 * data/common-passwords.txt (compiled in, compared ignoring ASCII case), and
 * cracklib (libcrack2) with Debian's dictionary (cracklib-runtime), also
 * against the login name. bf_password_ok (login.h) calls this for every new
 * password: at set-up, by an administrator, and one's own change. */
#ifndef BANGFU_PASSWORD_H
#define BANGFU_PASSWORD_H

#include <stdbool.h>

#include "bangfu/common.h"

/* True, with err saying why in a translated sentence, when password is on
 * the list or cracklib finds it weak. name (may be NULL) is the login name. */
bool bf_password_guessable(const char *password, const char *name, bf_error *err);
/* Whether password (any case) is on the shipped list. */
bool bf_password_common(const char *password);

#endif
