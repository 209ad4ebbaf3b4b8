/* Settlement periods: a calendar month, quarter or year, or any span. */
#include "fcavtal/costs/model.h"

#include <stdio.h>

static fc_date_t first_of(int year, int month)
{
    return (fc_date_t){.year = year, .month = month, .day = 1};
}

cst_period_t cst_period_month(int year, int month)
{
    fc_date_t from = first_of(year, month);
    return (cst_period_t){CST_PERIOD_MONTH, from, fc_date_end_of_month(from)};
}

cst_period_t cst_period_quarter(int year, int quarter)
{
    fc_date_t from = first_of(year, 3 * quarter - 2);
    fc_date_t last = first_of(year, 3 * quarter);
    return (cst_period_t){CST_PERIOD_QUARTER, from, fc_date_end_of_month(last)};
}

cst_period_t cst_period_year(int year)
{
    return (cst_period_t){CST_PERIOD_YEAR, first_of(year, 1),
                          (fc_date_t){.year = year, .month = 12, .day = 31}};
}

int64_t cst_period_days(cst_period_t p)
{
    return fc_date_days_between(p.from, p.to) + 1;
}

static bool same_date(fc_date_t a, fc_date_t b)
{
    return fc_date_cmp(a, b) == 0;
}

/* The calendar span a period of this kind starting at p.from must cover. */
static bool shape_matches(cst_period_t p)
{
    cst_period_t want;
    switch (p.kind) {
    case CST_PERIOD_MONTH:
        want = cst_period_month(p.from.year, p.from.month);
        break;
    case CST_PERIOD_QUARTER:
        if ((p.from.month - 1) % 3 != 0)
            return false;
        want = cst_period_quarter(p.from.year, (p.from.month + 2) / 3);
        break;
    case CST_PERIOD_YEAR:
        want = cst_period_year(p.from.year);
        break;
    case CST_PERIOD_CUSTOM:
        return true;
    default:
        return false;
    }
    return same_date(p.from, want.from) && same_date(p.to, want.to);
}

fc_status_t cst_period_check(cst_period_t p, const char *field, cst_error_t *err)
{
    char f[FC_DATE_STRLEN], t[FC_DATE_STRLEN];
    if (p.kind < CST_PERIOD_MONTH || p.kind > CST_PERIOD_CUSTOM)
        return cst_error_set(err, FC_INVALID_ARGUMENT, field, "unknown period kind %d",
                             (int)p.kind);
    if (!fc_date_valid(p.from) || !fc_date_valid(p.to))
        return cst_error_set(err, FC_INVALID_ARGUMENT, field, "period dates must exist");
    if (fc_date_cmp(p.from, p.to) > 0)
        return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                             "period is inverted: %s is after %s", fc_date_format(p.from, f),
                             fc_date_format(p.to, t));
    if (!shape_matches(p))
        return cst_error_set(err, FC_INVALID_ARGUMENT, field,
                             "%s..%s is not a calendar %s", fc_date_format(p.from, f),
                             fc_date_format(p.to, t), cst_period_kind_name(p.kind));
    return FC_OK;
}
