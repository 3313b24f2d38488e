/* password.c — common and dictionary passwords (password.h). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stddef.h>

#include <crack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/login.h"
#include "bangfu/password.h"

/* src/domain/common_passwords.c, made from data/common-passwords.txt */
extern const char *const bf_common_passwords[];
extern const size_t bf_common_passwords_n;

static int cmp(const void *key, const void *elt)
{
	return strcmp(key, *(const char *const *)elt);
}

bool bf_password_common(const char *password)
{
	char low[BF_PASSWORD_MAX + 1];
	size_t n = strlen(password);
	if (n >= sizeof low)
		return false;
	for (size_t i = 0; i <= n; i++) {
		char c = password[i];
		low[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	return bsearch(low, bf_common_passwords, bf_common_passwords_n, sizeof(char *), cmp) !=
	       NULL;
}

/* cracklib's reasons, in our words. It translates its own (domain
 * "cracklib"), so its answer is compared with its messages in English and
 * as it translates them. */
static const char *reason_text(const char *r)
{
	static const struct {
		const char *cracklib, *ours;
	} map[] = {
	    {"it is based on a dictionary word", N_("it is based on a dictionary word")},
	    {"it is based on a (reversed) dictionary word", N_("it is based on a dictionary word")},
	    {"it is too simplistic/systematic", N_("it is too simple or systematic")},
	    {"it does not contain enough DIFFERENT characters",
	     N_("it has too few different characters")},
	    {"it is based on your username", N_("it is based on the login name")},
	    {"it is all whitespace", N_("it is all spaces")},
	    {"it is too short", N_("it is too short")},
	    {"it is WAY too short", N_("it is too short")},
	    {"it looks like a National Insurance number.", N_("it looks like an identity number")},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(map); i++)
		if (!strcmp(r, map[i].cracklib) ||
		    !strcmp(r, dgettext("cracklib", map[i].cracklib)))
			return _(map[i].ours);
	return r;
}

bool bf_password_guessable(const char *password, const char *name, bf_error *err)
{
	if (bf_password_common(password)) {
		bf_error_set(err, "%s",
		             _("This password is among the most common ones: choose another "
		               "(a few unrelated words make a good one)."));
		return true;
	}
	/* Without Debian's dictionary (cracklib-runtime) the list above is all
	 * there is. */
	const char *dict = GetDefaultCracklibDict();
	char pwd[512];
	snprintf(pwd, sizeof pwd, "%s.pwd", dict ? dict : "");
	if (!dict || access(pwd, R_OK) != 0)
		return false;
	bind_textdomain_codeset("cracklib", "UTF-8");
	const char *r = FascistCheckUser(password, dict, name && name[0] ? name : NULL, NULL);
	if (!r)
		return false;
	bf_error_set(err,
	             _("This password is too easy to guess (%s): choose another (a few "
	               "unrelated words make a good one)."),
	             reason_text(r));
	return true;
}
