/* Splitting an amount of öre into parts by weights, exactly. */
#ifndef FCAVTAL_COSTS_SPLIT_H
#define FCAVTAL_COSTS_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/error.h"

/* Largest remainder (Hamilton) method: part i is floor(|amount| * w_i / W)
 * plus one öre for the parts with the largest remainders until the parts
 * add up to |amount|. Ties in the remainder go to the larger weight, then to
 * the lower key (keys NULL: the lower index), so the result never depends on
 * the order of the input. A negative amount is split as its magnitude and
 * negated: split(-a) == -split(a), so a credit mirrors the charge it undoes.
 *
 * parts[0..n) always add up to amount exactly; a part with weight 0 is 0.
 * Any int64 amount (INT64_MIN too) and any uint64 weights: the arithmetic
 * runs in 128 bits and cannot overflow.
 * Refused (FC_INVALID_ARGUMENT, parts untouched): n == 0, every weight 0. */
fc_status_t cst_split(int64_t amount, const uint64_t *weights, const uint64_t *keys, size_t n,
                      int64_t *parts, cst_error_t *err);

#endif
