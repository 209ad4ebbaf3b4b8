/* The fewest transfers: checked against a brute force over every partition
 * into zero-sum groups, and for settling every balance exactly. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/transfers.h"
#include "fixtures.h"

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static void check_settles(const int64_t *b, const uint64_t *keys, size_t n,
                          const cst_transfer_t *t, size_t nt)
{
    __int128 left[64] = {0};
    for (size_t i = 0; i < n; i++)
        left[i] = b[i];
    for (size_t i = 0; i < nt; i++) {
        cr_assert_lt(t[i].from, n);
        cr_assert_lt(t[i].to, n);
        cr_assert_neq(t[i].from, t[i].to);
        cr_assert_gt(t[i].amount, 0);
        cr_assert_lt(b[t[i].from], 0, "only a debtor pays");
        cr_assert_gt(b[t[i].to], 0, "only a creditor is paid");
        left[t[i].from] += t[i].amount;
        left[t[i].to] -= t[i].amount;
        if (i > 0)
            cr_assert(keys[t[i - 1].from] < keys[t[i].from] ||
                          (keys[t[i - 1].from] == keys[t[i].from] &&
                           keys[t[i - 1].to] < keys[t[i].to]),
                      "transfers not in payer, payee order");
    }
    for (size_t i = 0; i < n; i++)
        cr_assert(left[i] == 0, "balance %zu not settled", i);
}

static size_t plan(const int64_t *b, const uint64_t *keys, size_t n, bool *exact,
                   cst_transfer_t **t)
{
    size_t nt = 0;
    cst_error_t err = {0};
    cr_assert_eq(cst_transfers_plan(b, keys, n, t, &nt, exact, &err), FC_OK, "%s", err.message);
    check_settles(b, keys, n, *t, nt);
    return nt;
}

Test(transfers, largest_first_alone_would_take_four)
{
    /* {+4, +3, -2, -2, -3}: {+3, -3} and {+4, -2, -2} settle in 3. */
    const int64_t b[] = {4, 3, -2, -2, -3};
    const uint64_t k[] = {1, 2, 3, 4, 5};
    cst_transfer_t *t;
    bool exact;
    cr_expect_eq(plan(b, k, 5, &exact, &t), 3);
    cr_expect(exact);
    free(t);
}

Test(transfers, nothing_to_settle)
{
    const int64_t b[] = {0, 0};
    const uint64_t k[] = {1, 2};
    cst_transfer_t *t = (cst_transfer_t *)1;
    bool exact;
    cr_expect_eq(plan(b, k, 2, &exact, &t), 0);
    cr_expect_null(t);
}

Test(transfers, refuses_balances_that_do_not_add_up)
{
    const int64_t b[] = {5, -4};
    const uint64_t k[] = {1, 2};
    cst_transfer_t *t;
    size_t nt = 9;
    bool exact;
    cst_error_t err = {0};
    cr_expect_eq(cst_transfers_plan(b, k, 2, &t, &nt, &exact, &err), FC_INVALID_ARGUMENT);
    cr_expect_null(t);
    cr_expect_eq(nt, 0);
}

Test(transfers, extreme_balances_do_not_overflow)
{
    const int64_t b[] = {INT64_MAX, INT64_MIN + 1, INT64_MAX, INT64_MIN + 1};
    const uint64_t k[] = {1, 2, 3, 4};
    cst_transfer_t *t;
    bool exact;
    cr_expect_eq(plan(b, k, 4, &exact, &t), 2);
    free(t);
}

/* Balances drawn from a few small values, so that zero-sum groups abound. */
static void random_balances(uint64_t *seed, int64_t *b, size_t n, int64_t scale)
{
    __int128 sum = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        b[i] = (int64_t)(rnd(seed) % 9) - 4;
        b[i] *= scale;
        sum += b[i];
    }
    b[n - 1] = (int64_t)-sum;
}

Test(transfers, property_exact_minimum_equals_brute_force)
{
    uint64_t seed = 4711;
    for (int round = 0; round < 3000; round++) {
        size_t n = 1 + rnd(&seed) % 10;
        int64_t b[16];
        uint64_t k[16];
        random_balances(&seed, b, n, round % 2 ? 1 : 100003);
        for (size_t i = 0; i < n; i++)
            k[i] = 1000 - (uint64_t)i * 7; /* keys in another order than indices */
        cst_transfer_t *t;
        bool exact;
        size_t nt = plan(b, k, n, &exact, &t);
        cr_assert(exact);
        cr_assert_eq(nt, fx_min_transfers(b, n), "round %d: %zu transfers, minimum %zu", round, nt,
                     fx_min_transfers(b, n));
        free(t);
    }
}

Test(transfers, sixteen_non_zero_balances_are_still_exact)
{
    /* Eight pairs +i, -i in a scrambled order: the minimum is eight. */
    int64_t b[18] = {0};
    uint64_t k[18];
    for (size_t i = 0; i < 8; i++) {
        b[(i * 5) % 16] = (int64_t)i + 1;
        b[(i * 5 + 8) % 16] = -(int64_t)i - 1;
    }
    for (size_t i = 0; i < 18; i++)
        k[i] = 100 - i;
    cst_transfer_t *t;
    bool exact;
    cr_expect_eq(plan(b, k, 18, &exact, &t), 8);
    cr_expect(exact);
    free(t);
}

Test(transfers, property_greedy_beyond_sixteen_settles_within_bound)
{
    uint64_t seed = 1234;
    for (int round = 0; round < 200; round++) {
        size_t n = 17 + rnd(&seed) % 40;
        int64_t b[64];
        uint64_t k[64];
        random_balances(&seed, b, n, 1 + (int64_t)(rnd(&seed) % 1000));
        size_t nz = 0;
        for (size_t i = 0; i < n; i++) {
            k[i] = rnd(&seed);
            nz += b[i] != 0;
        }
        cst_transfer_t *t;
        bool exact;
        size_t nt = plan(b, k, n, &exact, &t);
        cr_assert_eq(exact, nz <= CST_TRANSFERS_EXACT_MAX);
        cr_assert_leq(nt, nz ? nz - 1 : 0);
        free(t);
    }
}

Test(transfers, output_does_not_depend_on_input_order)
{
    const int64_t b1[] = {7, -3, -4, 5, -5}, b2[] = {-5, 5, -4, -3, 7};
    const uint64_t k1[] = {10, 20, 30, 40, 50}, k2[] = {50, 40, 30, 20, 10};
    cst_transfer_t *t1, *t2;
    bool e;
    size_t n1 = plan(b1, k1, 5, &e, &t1), n2 = plan(b2, k2, 5, &e, &t2);
    cr_assert_eq(n1, n2);
    for (size_t i = 0; i < n1; i++) {
        cr_expect_eq(k1[t1[i].from], k2[t2[i].from]);
        cr_expect_eq(k1[t1[i].to], k2[t2[i].to]);
        cr_expect_eq(t1[i].amount, t2[i].amount);
    }
    free(t1);
    free(t2);
}
