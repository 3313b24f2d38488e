/* fuzz_keys.h — the fixed key pairs of the fuzz harness and its seed corpus
 * (make_corpus.c seals the seeds to the addressee's key, fuzz_package.c
 * opens them with it). Test keys only, made from fixed seeds. */
#ifndef BANGFU_FUZZ_KEYS_H
#define BANGFU_FUZZ_KEYS_H

#include <sodium.h>
#include <stdint.h>
#include <string.h>

/* The sender's (a unit's) key pair. */
static inline void fuzz_sender_keys(uint8_t pk[32], uint8_t sk[64])
{
	uint8_t seed[32];
	memset(seed, 7, sizeof seed);
	crypto_sign_seed_keypair(pk, sk, seed);
}

/* The addressee's (the district's) key pair, which opens the seeds. */
static inline void fuzz_addressee_keys(uint8_t pk[32], uint8_t sk[64])
{
	uint8_t seed[32];
	memset(seed, 9, sizeof seed);
	crypto_sign_seed_keypair(pk, sk, seed);
}

/* The ephemeral key's seed of the seeds' sealing (repeatable bytes). */
static inline void fuzz_ephemeral_seed(uint8_t seed[32])
{
	memset(seed, 11, 32);
}

#endif
