/* testkey.h — the data key of test databases (vault.h). A test that has no
 * operator to log in (a fixture that sets the actor by hand) gives its
 * connection this fixed key, so a second connection to the same file can
 * read what the first sealed. Tests of logging in do not use it. */
#ifndef BANGFU_TESTKEY_H
#define BANGFU_TESTKEY_H

#include "bangfu/vault.h"

static inline void tu_key(bf_db *db)
{
	static const unsigned char k[BF_VAULT_KEYBYTES] = "bangfu test data key, not secret";
	bf_error e = {{0}};
	if (bf_vault_set_key(db, k, &e) != 0)
		abort();
}

#endif
