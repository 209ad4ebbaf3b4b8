/* Properties every deadline list must have, over many random agreements:
 * every safe day is a working day on or before its date; the list is in
 * date order inside its window with unique keys; renewal deadlines are the
 * ones a slow cycle-by-cycle loop finds; a notice leaves nothing on or after
 * the day it was received except the end and the hand-over. */
#include <criterion/criterion.h>
#include <string.h>

#include "fcavtal/deadline.h"
#include "fcavtal/holiday.h"

static uint64_t rng_state = 0x2545F4914F6CDD1Du;

static int rnd(int lo, int hi)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return lo + (int)((rng_state >> 33) % (uint64_t)(hi - lo + 1));
}

static fc_date_t random_day(int from_year, int to_year)
{
    int y = rnd(from_year, to_year), m = rnd(1, 12);
    return (fc_date_t){y, m, rnd(1, fc_date_days_in_month(y, m))};
}

/* A random term of one of the five kinds, valid or redrawn. */
static fc_term_t random_term(void)
{
    for (;;) {
        fc_term_t t = {.start = random_day(2015, 2030), .notice_months = rnd(0, 14)};
        switch (rnd(0, 4)) {
        case 0: /* VG §4 */
            t.renewal_months = rnd(1, 36);
            t.end = fc_date_add_days(t.start, rnd(300, 2500));
            break;
        case 1: /* Bilaga 1 §2 */
            t.extension_option_months = rnd(0, 1) * rnd(1, 24);
            t.end = fc_date_add_days(t.start, rnd(30, 2500));
            break;
        case 2: /* Örebro */
            t.until_further_notice = true;
            t.has_annual_review = true;
            t.annual_review = (fc_annual_review_t){rnd(1, 12), rnd(1, 28), rnd(1, 12), rnd(1, 28)};
            break;
        case 3: /* Bilaga 2 §3 */
            t.until_further_notice = rnd(0, 1);
            t.notice_to_month_end = true;
            if (!t.until_further_notice)
                t.end = fc_date_add_days(t.start, rnd(30, 2500));
            break;
        default:
            t.until_further_notice = true;
            break;
        }
        if (fc_term_problems(&t, NULL, NULL) == 0)
            return t;
    }
}

static fc_agreement_t random_agreement(uint64_t id)
{
    fc_agreement_t a = {.id = id, .kind = (fc_agreement_kind_t)rnd(1, 3),
                        .centre_id = (uint64_t)rnd(0, 3), .term = random_term()};
    a.state = rnd(0, 2) ? FC_AGREEMENT_ACTIVE : FC_AGREEMENT_UNDER_NOTICE;
    if (a.state == FC_AGREEMENT_UNDER_NOTICE) {
        fc_date_t received = fc_date_add_days(a.term.start, rnd(0, 2000));
        if (fc_term_notice_effective(&a.term, received, NULL, NULL) != FC_OK)
            a.state = FC_AGREEMENT_ACTIVE;
        else
            a.notice = (fc_notice_t){.given = true, .received = received};
    }
    return a;
}

static void check_common(const fc_agreement_t *a, const fc_deadline_list_t *list, fc_date_t from,
                         fc_date_t until)
{
    for (size_t i = 0; i < list->n; i++) {
        const fc_deadline_t *d = &list->items[i];
        cr_assert(fc_is_working_day(d->safe_day), "%s: safe day not a working day", d->key);
        cr_assert_leq(fc_date_cmp(d->safe_day, d->date), 0, "%s: safe day after it", d->key);
        cr_assert_eq(fc_date_cmp(d->safe_day, d->date) != 0, d->moved[0] != '\0', "%s", d->key);
        cr_assert_geq(fc_date_cmp(d->date, from), 0);
        cr_assert_leq(fc_date_cmp(d->date, until), 0);
        cr_assert_eq(d->agreement_id, a->id);
        cr_assert_not_null(d->rule.rule);
        cr_assert_gt(strlen(d->rule.text), 0);
        if (i == 0)
            continue;
        cr_assert_leq(fc_date_cmp(list->items[i - 1].date, d->date), 0, "not sorted");
        for (size_t j = 0; j < i; j++)
            cr_assert_str_neq(list->items[j].key, d->key, "duplicate key");
    }
}

/* The notice deadlines of an automatically renewing term, cycle by cycle
 * from the written end. */
static size_t slow_renewal_deadlines(const fc_term_t *t, fc_date_t from, fc_date_t until,
                                     const fc_date_t *cut, fc_date_t *out, size_t cap)
{
    size_t n = 0;
    for (int k = 0; n < cap; k++) {
        fc_date_t end = fc_date_add_months(t->end, k * t->renewal_months);
        fc_date_t deadline = fc_date_add_months(end, -t->notice_months);
        if (fc_date_cmp(deadline, until) > 0 || (cut && fc_date_cmp(deadline, *cut) >= 0))
            break;
        if (fc_date_cmp(deadline, from) >= 0)
            out[n++] = deadline;
    }
    return n;
}

static void check_renewals(const fc_agreement_t *a, const fc_deadline_list_t *list,
                           fc_date_t from, fc_date_t until)
{
    if (a->term.until_further_notice || a->term.renewal_months == 0 ||
        a->term.has_annual_review)
        return;
    fc_date_t want[256];
    const fc_date_t *cut = a->notice.given ? &a->notice.received : NULL;
    size_t n = slow_renewal_deadlines(&a->term, from, until, cut, want, 256), got = 0;
    for (size_t i = 0; i < list->n; i++) {
        if (list->items[i].kind != FC_DEADLINE_NOTICE)
            continue;
        cr_assert_lt(got, n, "more renewal deadlines than the loop finds");
        cr_assert_eq(fc_date_cmp(list->items[i].date, want[got]), 0, "renewal deadline %zu", got);
        got++;
    }
    cr_assert_eq(got, n, "renewal deadlines: %zu, the loop finds %zu", got, n);
}

static void check_notice(const fc_agreement_t *a, const fc_deadline_list_t *list,
                         fc_date_t from, fc_date_t until)
{
    if (!a->notice.given)
        return;
    fc_date_t effective;
    cr_assert_eq(fc_term_notice_effective(&a->term, a->notice.received, &effective, NULL), FC_OK);
    bool end_seen = false;
    for (size_t i = 0; i < list->n; i++) {
        const fc_deadline_t *d = &list->items[i];
        bool contractual = d->kind == FC_DEADLINE_NOTICE || d->kind == FC_DEADLINE_ANNUAL_REVIEW ||
                           d->kind == FC_DEADLINE_EXTENSION_DECISION;
        if (contractual)
            cr_assert_lt(fc_date_cmp(d->date, a->notice.received), 0,
                         "%s survives the notice", d->key);
        if (d->kind == FC_DEADLINE_END) {
            cr_assert_eq(fc_date_cmp(d->date, effective), 0, "one end: the notice's");
            end_seen = true;
        }
        if (d->kind == FC_DEADLINE_BUSINESS_PLAN)
            cr_assert_leq(fc_date_cmp(d->date, effective), 0, "a plan after the end");
    }
    if (fc_date_cmp(from, effective) <= 0 && fc_date_cmp(effective, until) <= 0)
        cr_assert(end_seen, "the notice's end is missing");
}

Test(properties, random_agreements_and_windows, .timeout = 120)
{
    size_t per_kind[FC_DEADLINE_ANNUAL_REPORT + 1] = {0}, moved = 0;
    for (int i = 0; i < 3000; i++) {
        fc_agreement_t a = random_agreement((uint64_t)i + 1);
        fc_date_t from = random_day(2014, 2040);
        fc_date_t until = fc_date_add_days(from, rnd(0, 6000));
        fc_deadline_list_t *list = fc_deadline_list_new(0);
        cr_assert_not_null(list);
        fc_reason_t why = {.text = ""};
        fc_status_t st = fc_deadlines(&a, from, until, NULL, list, &why);
        cr_assert_eq(st, FC_OK, "agreement %d: %s", i, why.text);
        check_common(&a, list, from, until);
        check_renewals(&a, list, from, until);
        check_notice(&a, list, from, until);
        for (size_t j = 0; j < list->n; j++) {
            per_kind[list->items[j].kind]++;
            moved += list->items[j].moved[0] != '\0';
        }
        fc_deadline_list_destroy(&list);
    }
    /* The draw reaches every rule, and weekends and holidays. */
    for (int k = FC_DEADLINE_NOTICE; k <= FC_DEADLINE_ANNUAL_REPORT; k++)
        cr_expect_gt(per_kind[k], 0, "no %s deadline drawn", fc_deadline_kind_name(k));
    cr_expect_gt(moved, 100);
}

/* The end in force the engine reports is the slow loop's for small terms. */
Test(properties, end_in_force_matches_the_slow_loop)
{
    for (int i = 0; i < 5000; i++) {
        fc_agreement_t a = {.id = 1, .kind = FC_AGREEMENT_FRAMEWORK, .state = FC_AGREEMENT_ACTIVE};
        a.term = (fc_term_t){.start = random_day(2010, 2012), .renewal_months = rnd(1, 24),
                             .notice_months = rnd(0, 12)};
        a.term.end = fc_date_add_days(a.term.start, rnd(400, 1500));
        if (fc_term_problems(&a.term, NULL, NULL))
            continue;
        fc_date_t on = random_day(2010, 2060), end, want;
        for (int k = 0;; k++) {
            want = fc_date_add_months(a.term.end, k * a.term.renewal_months);
            if (fc_date_cmp(fc_date_add_months(want, -a.term.notice_months), on) >= 0)
                break;
        }
        bool has;
        cr_assert_eq(fc_agreement_end_in_force(&a, on, &has, &end, NULL), FC_OK);
        cr_assert(has);
        cr_assert_eq(fc_date_cmp(end, want), 0);
    }
}
