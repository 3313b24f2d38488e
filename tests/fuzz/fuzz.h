/* fuzz.h — what every libFuzzer target here shares: the entry point and
 * REQUIRE, a broken rule that traps (a crash libFuzzer keeps the input of). */
#ifndef BANGFU_FUZZ_H
#define BANGFU_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(cond)                     \
	do {                              \
		if (!(cond))              \
			__builtin_trap(); \
	} while (0)

#endif
