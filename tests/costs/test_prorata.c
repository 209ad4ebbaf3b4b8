/* Costs accrue evenly per day, to the öre. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "fcavtal/costs/prorata.h"
#include "fcavtal/costs/split.h"
#include "fixtures.h"

static int64_t accrued(int64_t amount, fc_date_t from, fc_date_t to, fc_date_t a, fc_date_t b)
{
    int64_t out = 0;
    cst_error_t err = {0};
    cr_assert_eq(cst_accrued(amount, from, to, a, b, &out, &err), FC_OK, "%s", err.message);
    return out;
}

Test(accrual, a_year_of_one_thousand_kronor_a_day)
{
    /* 365 000,00 kr over 2025: 100 000 öre a day. */
    cr_expect_eq(accrued(36500000, D(2025, 1, 1), D(2025, 12, 31), D(2025, 1, 1), D(2025, 3, 31)),
                 9000000);
    cr_expect_eq(accrued(36500000, D(2025, 1, 1), D(2025, 12, 31), D(2025, 4, 1),
                         D(2025, 12, 31)),
                 27500000);
}

Test(accrual, leftover_ore_go_to_the_earliest_days)
{
    /* 10 öre over 3 days: 4, 3, 3. */
    fc_date_t f = D(2025, 1, 1), t = D(2025, 1, 3);
    cr_expect_eq(accrued(10, f, t, f, f), 4);
    cr_expect_eq(accrued(10, f, t, D(2025, 1, 2), D(2025, 1, 2)), 3);
    cr_expect_eq(accrued(10, f, t, D(2025, 1, 3), t), 3);
    cr_expect_eq(accrued(-10, f, t, f, f), -4);
}

Test(accrual, equals_largest_remainder_over_equal_days)
{
    /* The closed form is the split of the amount over equal day weights with
     * ties to the earlier day; checked against cst_split on every day. */
    fc_date_t f = D(2024, 1, 1), t = D(2024, 12, 31); /* a leap year: 366 days */
    size_t n = 366;
    uint64_t *w = malloc(n * sizeof *w), *k = malloc(n * sizeof *k);
    int64_t *p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++) {
        w[i] = 1;
        k[i] = i;
    }
    const int64_t amounts[] = {1, 365, 367, 10000001, -7777777, INT64_MAX, INT64_MIN};
    for (size_t a = 0; a < sizeof amounts / sizeof *amounts; a++) {
        cr_assert_eq(cst_split(amounts[a], w, k, n, p, NULL), FC_OK);
        for (size_t i = 0; i < n; i += 37) {
            fc_date_t day = fc_date_add_days(f, (int64_t)i);
            cr_expect_eq(accrued(amounts[a], f, t, day, day), p[i], "amount %lld day %zu",
                         (long long)amounts[a], i);
        }
    }
    free(w);
    free(k);
    free(p);
}

Test(accrual, adjoining_spans_add_up_to_the_whole)
{
    fc_date_t f = D(2025, 1, 1), t = D(2027, 6, 30);
    int64_t amount = 123456789;
    int64_t sum = 0;
    fc_date_t a = f;
    while (fc_date_cmp(a, t) <= 0) {
        fc_date_t b = fc_date_end_of_month(a);
        sum += accrued(amount, f, t, a, b);
        a = fc_date_add_days(b, 1);
    }
    cr_expect_eq(sum, amount);
}

Test(accrual, refuses_inverted_or_outside_spans)
{
    int64_t out = 99;
    cst_error_t err = {0};
    cr_expect_eq(cst_accrued(100, D(2025, 2, 1), D(2025, 1, 1), D(2025, 1, 1), D(2025, 1, 1),
                             &out, &err),
                 FC_INVALID_ARGUMENT);
    cr_expect_eq(cst_accrued(100, D(2025, 1, 1), D(2025, 1, 31), D(2025, 1, 5), D(2025, 2, 1),
                             &out, &err),
                 FC_INVALID_ARGUMENT);
    cr_expect_eq(cst_accrued(100, D(2025, 1, 1), D(2025, 1, 31), D(2025, 2, 30), D(2025, 1, 1),
                             &out, &err),
                 FC_INVALID_ARGUMENT);
    cr_expect_eq(out, 99, "a refused accrual writes nothing");
}

Test(participation, joined_and_left_are_inclusive)
{
    cst_participation_t p = {1, D(2025, 4, 1), true, D(2025, 6, 30)};
    cr_expect_not(cst_participates(&p, D(2025, 3, 31)));
    cr_expect(cst_participates(&p, D(2025, 4, 1)));
    cr_expect(cst_participates(&p, D(2025, 6, 30)));
    cr_expect_not(cst_participates(&p, D(2025, 7, 1)));
    p.has_left = false;
    cr_expect(cst_participates(&p, D(2099, 1, 1)));
}

Test(participation, breaks_where_someone_joins_or_leaves)
{
    cst_participation_t p[] = {{1, D(2020, 1, 1), false, {0}},
                               {2, D(2025, 4, 1), true, D(2025, 9, 30)},
                               {3, D(2025, 1, 1), false, {0}}};
    cst_breaks_t b = {0};
    cr_assert_eq(cst_breaks_add_participations(&b, p, 3, D(2025, 1, 1), D(2025, 12, 31)), FC_OK);
    cst_breaks_finish(&b);
    cr_assert_eq(b.n, 2, "joining on the first day of the span is no break");
    cr_expect_eq(fc_date_cmp(fc_date_from_days(b.days[0]), D(2025, 4, 1)), 0);
    cr_expect_eq(fc_date_cmp(fc_date_from_days(b.days[1]), D(2025, 10, 1)), 0);
    cst_breaks_clear(&b);
}
