/* Largest remainder split: parts always add up to the whole, the tie-break
 * is documented and stable, negative amounts mirror positive ones. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/split.h"

static void split_ok(int64_t amount, const uint64_t *w, const uint64_t *k, size_t n, int64_t *p)
{
    cst_error_t err = {0};
    fc_status_t rc = cst_split(amount, w, k, n, p, &err);
    cr_assert_eq(rc, FC_OK, "%s", err.message);
}

Test(split, hundred_thousand_kronor_and_one_ore_over_three_parties)
{
    /* 100 000,01 kr = 10 000 001 öre: 3 333 333 each and 2 öre left, which
     * go to the two lowest keys (equal remainders, equal weights). */
    const uint64_t w[] = {1, 1, 1}, k[] = {30, 10, 20};
    int64_t p[3];
    split_ok(10000001, w, k, 3, p);
    cr_expect_eq(p[0], 3333333); /* key 30 */
    cr_expect_eq(p[1], 3333334); /* key 10 */
    cr_expect_eq(p[2], 3333334); /* key 20 */
}

Test(split, larger_weight_wins_an_equal_remainder)
{
    /* 10 öre by weights 1 and 3: exactly 2.5 and 7.5, equal remainders;
     * the larger weight takes the öre. */
    const uint64_t w[] = {1, 3}, k[] = {1, 2};
    int64_t p[2];
    split_ok(10, w, k, 2, p);
    cr_expect_eq(p[0], 2);
    cr_expect_eq(p[1], 8);
}

Test(split, largest_remainder_first)
{
    /* 100 öre by weights 3, 3, 1: exactly 42.86, 42.86, 14.29; the floors
     * 42, 42, 14 leave 2 öre, which the two remainders of .86 take. */
    const uint64_t w[] = {3, 3, 1};
    int64_t p[3];
    split_ok(100, w, NULL, 3, p);
    cr_expect_eq(p[0], 43);
    cr_expect_eq(p[1], 43);
    cr_expect_eq(p[2], 14);
}

Test(split, order_of_input_does_not_matter)
{
    const uint64_t w1[] = {1, 1, 1, 2}, k1[] = {4, 3, 2, 1};
    const uint64_t w2[] = {2, 1, 1, 1}, k2[] = {1, 2, 3, 4};
    int64_t p1[4], p2[4];
    split_ok(1001, w1, k1, 4, p1);
    split_ok(1001, w2, k2, 4, p2);
    for (int i = 0; i < 4; i++)
        cr_expect_eq(p1[i], p2[3 - i]);
}

Test(split, negative_amount_mirrors_positive)
{
    const uint64_t w[] = {1, 1, 1}, k[] = {1, 2, 3};
    int64_t pos[3], neg[3];
    split_ok(10000001, w, k, 3, pos);
    split_ok(-10000001, w, k, 3, neg);
    for (int i = 0; i < 3; i++)
        cr_expect_eq(neg[i], -pos[i]);
}

Test(split, extremes_of_int64_need_no_overflow)
{
    const uint64_t w[] = {UINT64_MAX, UINT64_MAX, 1};
    int64_t p[3];
    split_ok(INT64_MAX, w, NULL, 3, p);
    __int128 s = (__int128)p[0] + p[1] + p[2];
    cr_expect(s == INT64_MAX);
    split_ok(INT64_MIN, w, NULL, 3, p);
    s = (__int128)p[0] + p[1] + p[2];
    cr_expect(s == INT64_MIN);
    cr_expect_leq(p[2], 0);
}

Test(split, zero_weight_gets_nothing)
{
    const uint64_t w[] = {0, 1, 1};
    int64_t p[3];
    split_ok(101, w, NULL, 3, p);
    cr_expect_eq(p[0], 0);
    cr_expect_eq(p[1] + p[2], 101);
}

Test(split, refuses_no_parts_and_all_zero_weights)
{
    const uint64_t w[] = {0, 0};
    int64_t p[2] = {77, 77};
    cst_error_t err = {0};
    cr_expect_eq(cst_split(100, w, NULL, 0, p, &err), FC_INVALID_ARGUMENT);
    cr_expect_eq(cst_split(100, w, NULL, 2, p, &err), FC_INVALID_ARGUMENT);
    cr_expect_not_null(strstr(err.message, "zero"));
    cr_expect_eq(p[0], 77, "a refused split leaves the parts untouched");
}

/* xorshift64*: seeded, so a failure can be replayed. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

Test(split, property_parts_sum_and_stay_within_one_ore_of_exact)
{
    uint64_t seed = 20250401;
    for (int round = 0; round < 20000; round++) {
        size_t n = 1 + rnd(&seed) % 12;
        uint64_t w[12], k[12];
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            w[i] = rnd(&seed) % 4 == 0 ? 0 : rnd(&seed) % (round % 2 ? 1000 : UINT64_MAX);
            k[i] = rnd(&seed);
            any = any || w[i];
        }
        if (!any)
            w[0] = 1;
        int64_t amount = (int64_t)rnd(&seed);
        if (round % 3 == 0)
            amount %= 1000000;
        if (round % 2 == 0)
            amount /= 8192; /* keeps the check's products inside 128 bits */
        int64_t p[12];
        split_ok(amount, w, k, n, p);
        __int128 sum = 0, total = 0;
        for (size_t i = 0; i < n; i++) {
            sum += p[i];
            total += w[i];
        }
        cr_assert(sum == amount, "round %d: parts do not add up", round);
        for (size_t i = 0; i < n; i++) {
            /* |p_i - amount*w_i/W| < 1, i.e. |p_i*W - amount*w_i| < W */
            __int128 diff = (__int128)p[i] * total - (__int128)amount * (__int128)w[i];
            if (diff < 0)
                diff = -diff;
            cr_assert(diff < total, "round %d: part %zu is more than an öre off", round, i);
        }
    }
}
