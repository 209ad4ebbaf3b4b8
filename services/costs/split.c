/* Largest remainder split of öre by weights. 128-bit arithmetic: the
 * magnitude of an int64 times a uint64 weight fits in unsigned __int128, and
 * so does the sum of any number of uint64 weights that fit in memory. */
#include "fcavtal/costs/split.h"

#include <stdbool.h>
#include <stdlib.h>

typedef unsigned __int128 u128;

typedef struct {
    u128 remainder;
    uint64_t weight;
    uint64_t key;
    size_t index;
} candidate_t;

/* Larger remainder first, then larger weight, then lower key, then lower
 * index: a total order, so the result never depends on qsort's stability. */
static int by_claim(const void *pa, const void *pb)
{
    const candidate_t *a = pa, *b = pb;
    if (a->remainder != b->remainder)
        return a->remainder > b->remainder ? -1 : 1;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->index < b->index ? -1 : (a->index > b->index);
}

/* The signed part of magnitude m (m <= 2^63). */
static int64_t signed_part(uint64_t m, bool negative)
{
    if (!negative)
        return (int64_t)m;
    return m == 0 ? 0 : -(int64_t)(m - 1) - 1; /* -(2^63) without overflow */
}

fc_status_t cst_split(int64_t amount, const uint64_t *weights, const uint64_t *keys, size_t n,
                      int64_t *parts, cst_error_t *err)
{
    if (n == 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, "weights",
                             "nothing to split %lld öre among: no parts", (long long)amount);
    u128 total = 0;
    for (size_t i = 0; i < n; i++)
        total += weights[i];
    if (total == 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, "weights",
                             "every weight is zero: no part can carry the amount");

    candidate_t *c = malloc(n * sizeof *c);
    uint64_t *floor_part = malloc(n * sizeof *floor_part);
    if (c == NULL || floor_part == NULL) {
        free(c);
        free(floor_part);
        return cst_error_oom(err);
    }

    bool negative = amount < 0;
    uint64_t mag = negative ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
    uint64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        u128 exact = (u128)mag * weights[i];
        floor_part[i] = (uint64_t)(exact / total); /* <= mag */
        given += floor_part[i];
        c[i] = (candidate_t){exact % total, weights[i], keys ? keys[i] : i, i};
    }
    /* Each floor loses less than one öre, so fewer than n öre are left and
     * each goes to a different part; a part of weight 0 has remainder 0 and
     * sorts after every part that could claim one. */
    uint64_t left = mag - given;
    qsort(c, n, sizeof *c, by_claim);
    for (uint64_t k = 0; k < left; k++)
        floor_part[c[k].index]++;
    for (size_t i = 0; i < n; i++)
        parts[i] = signed_part(floor_part[i], negative);
    free(c);
    free(floor_part);
    return FC_OK;
}
