/* Costs accrue per day; who shares a day is who takes part that day. */
#ifndef FCAVTAL_COSTS_PRORATA_H
#define FCAVTAL_COSTS_PRORATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/model.h"

/* The part of `amount`, accruing evenly over the days from..to (inclusive),
 * that falls on the days a..b (inclusive, inside from..to). Each day carries
 * |amount| / days öre and the leftover öre go one each to the earliest days:
 * the largest remainder split over equal days with ties to the earlier day,
 * in closed form so a ten-year item costs no more than a one-day one. The
 * parts of adjoining spans add up to the whole exactly; negative amounts
 * mirror positive ones. Refused: dates invalid or inverted, a..b outside. */
fc_status_t cst_accrued(int64_t amount, fc_date_t from, fc_date_t to, fc_date_t a, fc_date_t b,
                        int64_t *out, cst_error_t *err);

/* True when the party takes part on `day` (joined <= day <= left). */
bool cst_participates(const cst_participation_t *p, fc_date_t day);

/* A sorted set of days on which something may change inside a span: a
 * participation starts, one ended the day before, a rule takes effect. */
typedef struct {
    int64_t *days; /* fc_date_to_days values, sorted, unique */
    size_t n;
    size_t cap;
} cst_breaks_t;

/* Adds `day` when first < day <= last (a change on the first day is no
 * break). Returns FC_OK or FC_RESOURCE_EXHAUSTED. */
fc_status_t cst_breaks_add(cst_breaks_t *b, fc_date_t day, fc_date_t first, fc_date_t last);
/* Adds the starts and the days after the ends of the participations. */
fc_status_t cst_breaks_add_participations(cst_breaks_t *b, const cst_participation_t *p, size_t n,
                                          fc_date_t first, fc_date_t last);
/* Sorts and removes duplicates. */
void cst_breaks_finish(cst_breaks_t *b);
void cst_breaks_clear(cst_breaks_t *b);

#endif
