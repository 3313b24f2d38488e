/* sample.h — realistic generated cases (Chinese names, valid ID numbers,
 * households of every shape) for `bangfu demo`, tests and benchmarks.
 * Pure domain code; deterministic for a given seed. */
#ifndef BANGFU_SAMPLE_H
#define BANGFU_SAMPLE_H

#include "bangfu/casefile.h"

struct bf_sample {
	uint64_t state;
};

void bf_sample_seed(struct bf_sample *s, uint64_t seed);
uint32_t bf_sample_next(struct bf_sample *s);
/* A plausible name: a common surname and one or two given-name characters. */
void bf_sample_name(struct bf_sample *s, char *out, size_t n);
/* A valid resident ID for a birth date and sex (1 male, 2 female). */
void bf_sample_id(struct bf_sample *s, int y, int m, int d, int sex, char out[BF_ID_SZ]);
/* A whole case of `year`, shaped by `kind` (0..7 cycles through: poor
 * household, illness this year, illness earlier with high medical costs,
 * disaster, single parent, unmarried with parents, retired parents, student
 * children). The case has no id or number. */
void bf_sample_case(struct bf_sample *s, int year, int kind, struct bf_case *c);

#endif
