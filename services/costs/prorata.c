/* Daily accrual and the days on which the sharing of a cost may change. */
#include "fcavtal/costs/prorata.h"

#include <stdlib.h>

static bool in_order(fc_date_t a, fc_date_t b)
{
    return fc_date_cmp(a, b) <= 0;
}

fc_status_t cst_accrued(int64_t amount, fc_date_t from, fc_date_t to, fc_date_t a, fc_date_t b,
                        int64_t *out, cst_error_t *err)
{
    if (!fc_date_valid(from) || !fc_date_valid(to) || !fc_date_valid(a) || !fc_date_valid(b))
        return cst_error_set(err, FC_INVALID_ARGUMENT, "period", "accrual dates must exist");
    if (!in_order(from, to) || !in_order(a, b))
        return cst_error_set(err, FC_INVALID_ARGUMENT, "period", "accrual period is inverted");
    if (!in_order(from, a) || !in_order(b, to))
        return cst_error_set(err, FC_INVALID_ARGUMENT, "period",
                             "the days accrued lie outside the cost's period");

    uint64_t days = (uint64_t)(fc_date_days_between(from, to) + 1);
    uint64_t first = (uint64_t)fc_date_days_between(from, a); /* 0-based day index */
    uint64_t last = (uint64_t)fc_date_days_between(from, b);
    bool negative = amount < 0;
    uint64_t mag = negative ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
    uint64_t per_day = mag / days;
    uint64_t extra_days = mag % days; /* days 0..extra_days-1 carry one öre more */

    uint64_t span = last - first + 1;
    uint64_t extra = 0;
    if (first < extra_days)
        extra = (last < extra_days ? last + 1 : extra_days) - first;
    /* per_day * span + extra <= mag, so it fits. */
    uint64_t m = per_day * span + extra;
    *out = negative ? (m == 0 ? 0 : -(int64_t)(m - 1) - 1) : (int64_t)m;
    return FC_OK;
}

bool cst_participates(const cst_participation_t *p, fc_date_t day)
{
    if (fc_date_cmp(day, p->joined) < 0)
        return false;
    return !p->has_left || fc_date_cmp(day, p->left) <= 0;
}

fc_status_t cst_breaks_add(cst_breaks_t *b, fc_date_t day, fc_date_t first, fc_date_t last)
{
    if (fc_date_cmp(day, first) <= 0 || fc_date_cmp(day, last) > 0)
        return FC_OK;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 8;
        int64_t *days = realloc(b->days, cap * sizeof *days);
        if (days == NULL)
            return FC_RESOURCE_EXHAUSTED;
        b->days = days;
        b->cap = cap;
    }
    b->days[b->n++] = fc_date_to_days(day);
    return FC_OK;
}

fc_status_t cst_breaks_add_participations(cst_breaks_t *b, const cst_participation_t *p, size_t n,
                                          fc_date_t first, fc_date_t last)
{
    for (size_t i = 0; i < n; i++) {
        if (cst_breaks_add(b, p[i].joined, first, last) != FC_OK)
            return FC_RESOURCE_EXHAUSTED;
        /* left is the last day taken part; the change is the day after. */
        if (p[i].has_left && fc_date_cmp(p[i].left, last) < 0 &&
            cst_breaks_add(b, fc_date_add_days(p[i].left, 1), first, last) != FC_OK)
            return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}

static int by_day(const void *pa, const void *pb)
{
    int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
    return (a > b) - (a < b);
}

void cst_breaks_finish(cst_breaks_t *b)
{
    if (b->n == 0)
        return;
    qsort(b->days, b->n, sizeof *b->days, by_day);
    size_t w = 1;
    for (size_t r = 1; r < b->n; r++)
        if (b->days[r] != b->days[w - 1])
            b->days[w++] = b->days[r];
    b->n = w;
}

void cst_breaks_clear(cst_breaks_t *b)
{
    free(b->days);
    *b = (cst_breaks_t){0};
}
