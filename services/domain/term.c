/* Term arithmetic (VG §4, Bilaga 1 §2, Bilaga 2 §3, Örebro "Giltighet").
 *
 * A deadline is the last day written notice can be given; nothing here moves
 * a date later. Renewed ends are computed from the written end in closed
 * form: the first cycle after a day is found by division, never by walking
 * the cycles, so a term renewed monthly for 9999 years costs what a term
 * renewed once does. */
#include "fcavtal/term.h"

#include "fcavtal/format.h"

/* ------------------------------------------------------------ months */

/* Months since year 0: the index month arithmetic works on. */
static int64_t month_index(fc_date_t d)
{
    return (int64_t)d.year * 12 + (d.month - 1);
}

/* d + months, the day clamped to the target month; false past the calendar
 * (years 1..9999). fc_date_add_months takes an int; cycles need 64 bits. */
static bool add_months(fc_date_t d, int64_t months, fc_date_t *out)
{
    int64_t idx = month_index(d) + months;
    if (idx < 12 || idx > (int64_t)9999 * 12 + 11)
        return false;
    fc_date_t r = {.year = (int)(idx / 12), .month = (int)(idx % 12) + 1, .day = d.day};
    int last = fc_date_days_in_month(r.year, r.month);
    if (r.day > last)
        r.day = last;
    *out = r;
    return true;
}

char *fc_term_months_text(int64_t months, bool in_years, char *buf, size_t size)
{
    if (in_years && months != 0 && months % 12 == 0)
        fc_snformat(buf, size, "%lld year%s", (long long)(months / 12), months == 12 ? "" : "s");
    else
        fc_snformat(buf, size, "%lld month%s", (long long)months, months == 1 ? "" : "s");
    return buf;
}

/* ------------------------------------------------------------ checks */

static bool fixed(const fc_term_t *t)
{
    return !t->until_further_notice;
}

static bool renews(const fc_term_t *t)
{
    return fixed(t) && t->renewal_months > 0;
}

/* A day that exists in some year: 29 February counts (clamped in common
 * years by annual_day). */
static bool month_day_possible(int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 && day <= fc_date_days_in_month(2000, month);
}

static fc_date_t annual_day(int year, int month, int day)
{
    int last = fc_date_days_in_month(year, month);
    return (fc_date_t){.year = year, .month = month, .day = day > last ? last : day};
}

typedef struct {
    fc_term_problem_fn report;
    void *ctx;
    size_t n;
} problems_t;

static void problem(problems_t *p, const char *field, const char *what)
{
    p->n++;
    if (p->report)
        p->report(p->ctx, field, what);
}

static void check_months(problems_t *p, const char *field, int months)
{
    char what[160];
    if (months < 0)
        fc_snformat(what, sizeof what, "%s must not be negative (got %d)", field, months);
    else if (months > FC_TERM_MAX_MONTHS)
        fc_snformat(what, sizeof what,
                    "%s %d is more than the %d months (10 years) a term may use", field, months,
                    FC_TERM_MAX_MONTHS);
    else
        return;
    problem(p, field, what);
}

static void check_annual_review(problems_t *p, const fc_term_t *t)
{
    if (!t->has_annual_review)
        return;
    const fc_annual_review_t *r = &t->annual_review;
    char what[128];
    if (!month_day_possible(r->window_end_month, r->window_end_day)) {
        fc_snformat(what, sizeof what, "review window end %d/%d is not a day of the year",
                    r->window_end_day, r->window_end_month);
        problem(p, "annual_review.window_end_month", what);
    }
    if (!month_day_possible(r->effect_month, r->effect_day)) {
        fc_snformat(what, sizeof what, "termination effect day %d/%d is not a day of the year",
                    r->effect_day, r->effect_month);
        problem(p, "annual_review.effect_month", what);
    }
    if (t->notice_to_month_end)
        problem(p, "notice_to_month_end",
                "an annual review window and notice to the month's end cannot both decide "
                "when a notice takes effect");
}

/* Without an end there is nothing to renew or extend. */
static void check_open_term(problems_t *p, const fc_term_t *t)
{
    if (t->renewal_months > 0)
        problem(p, "renewal_months", "a term that runs until further notice has no end to renew");
    if (t->extension_option_months > 0)
        problem(p, "extension_option_months",
                "a term that runs until further notice has no end to extend");
}

/* Notice that could never be given in time would renew the term before it
 * starts; such a clause is a typing error, not an agreement. */
static void check_first_deadline(problems_t *p, const fc_term_t *t)
{
    fc_date_t deadline = {0, 0, 0};
    char s[FC_DATE_STRLEN], e[FC_DATE_STRLEN], d[FC_DATE_STRLEN], what[200];
    if (!renews(t) || t->notice_months < 0 || t->notice_months > FC_TERM_MAX_MONTHS)
        return;
    if (add_months(t->end, -t->notice_months, &deadline) && fc_date_cmp(deadline, t->start) >= 0)
        return;
    fc_snformat(what, sizeof what,
                "%d months' notice before the end %s falls on %s, before the term starts %s: "
                "notice could never be given in time",
                t->notice_months, fc_date_format(t->end, e), fc_date_format(deadline, d),
                fc_date_format(t->start, s));
    problem(p, "notice_months", what);
}

size_t fc_term_problems(const fc_term_t *t, fc_term_problem_fn report, void *ctx)
{
    problems_t p = {.report = report, .ctx = ctx, .n = 0};
    char what[128], s[FC_DATE_STRLEN], e[FC_DATE_STRLEN];
    if (!t) {
        problem(&p, "", "no term");
        return p.n;
    }
    bool start_ok = fc_date_valid(t->start), end_ok = fixed(t) && fc_date_valid(t->end);
    if (!start_ok)
        problem(&p, "start", "start is not a valid date");
    if (fixed(t) && !end_ok)
        problem(&p, "end", "end is not a valid date");
    if (start_ok && end_ok && fc_date_cmp(t->end, t->start) < 0) {
        fc_snformat(what, sizeof what, "end %s is before start %s", fc_date_format(t->end, e),
                    fc_date_format(t->start, s));
        problem(&p, "end", what);
        end_ok = false;
    }
    check_months(&p, "renewal_months", t->renewal_months);
    check_months(&p, "notice_months", t->notice_months);
    check_months(&p, "extension_option_months", t->extension_option_months);
    check_annual_review(&p, t);
    if (!fixed(t))
        check_open_term(&p, t);
    if (start_ok && end_ok)
        check_first_deadline(&p, t);
    return p.n;
}

/* The first problem as the explanation of a refusal. */
typedef struct {
    fc_reason_t *why;
    bool set;
} first_problem_t;

static void keep_first(void *ctx, const char *field, const char *what)
{
    first_problem_t *f = ctx;
    if (f->set)
        return;
    f->set = true;
    fc_reason_set(f->why, FC_RULE_INVALID, FC_SOURCE_TERM, "the term cannot be used: %s%s%s",
                  *field ? field : "", *field ? ": " : "", what);
}

static fc_status_t usable(const fc_term_t *t, fc_reason_t *why)
{
    first_problem_t f = {.why = why, .set = false};
    return fc_term_problems(t, keep_first, &f) ? FC_INVALID_ARGUMENT : FC_OK;
}

static fc_status_t beyond_calendar(fc_reason_t *why, const char *what)
{
    fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_TERM, "%s falls after 9999-12-31", what);
    return FC_OUT_OF_RANGE;
}

/* ------------------------------------------------------------ length */

/* Months from `from` to `to`: the largest m with from + m months <= to. The
 * estimate is off by at most one, so the loop runs at most once. */
static int whole_months(fc_date_t from, fc_date_t to)
{
    int m = (to.year - from.year) * 12 + (to.month - from.month);
    while (m > 0 && fc_date_cmp(fc_date_add_months(from, m), to) > 0)
        m--;
    return m;
}

static void length_part(char parts[3][32], int *n, long long count, const char *unit)
{
    if (!count)
        return;
    fc_snformat(parts[*n], sizeof parts[*n], "%lld %s%s", count, unit, count == 1 ? "" : "s");
    (*n)++;
}

/* "6 years", "2 years and 3 months", "4 years, 1 month and 10 days". */
static void format_length(fc_date_t start, fc_date_t end, char *buf, size_t size)
{
    fc_date_t after = fc_date_add_days(end, 1); /* the end day is part of the term */
    int months = whole_months(start, after);
    int64_t days = fc_date_days_between(fc_date_add_months(start, months), after);
    char parts[3][32];
    int n = 0;
    length_part(parts, &n, months / 12, "year");
    length_part(parts, &n, months % 12, "month");
    length_part(parts, &n, days, "day");
    if (n == 0)
        fc_snformat(buf, size, "0 days");
    else if (n == 1)
        fc_snformat(buf, size, "%s", parts[0]);
    else if (n == 2)
        fc_snformat(buf, size, "%s and %s", parts[0], parts[1]);
    else
        fc_snformat(buf, size, "%s, %s and %s", parts[0], parts[1], parts[2]);
}

bool fc_term_outside_recommended_length(const fc_term_t *t, fc_reason_t *advice)
{
    if (!t || !fixed(t) || !fc_date_valid(t->start) || !fc_date_valid(t->end) ||
        fc_date_cmp(t->end, t->start) < 0 || t->end.year > 9998)
        return false;
    fc_date_t after = fc_date_add_days(t->end, 1);
    bool too_short = fc_date_cmp(after, fc_date_add_months(t->start, 36)) < 0;
    bool too_long = fc_date_cmp(after, fc_date_add_months(t->start, 60)) > 0;
    if (!too_short && !too_long)
        return false;
    char len[128], s[FC_DATE_STRLEN], e[FC_DATE_STRLEN];
    format_length(t->start, t->end, len, sizeof len);
    fc_reason_set(advice, FC_RULE_RECOMMENDED_LENGTH, FC_SOURCE_VG15,
                  "local agreement term %s to %s is %s, %s than VG §15 recommends (3-5 years; "
                  "minst 3 år men inte längre än 5 år) (%s)",
                  fc_date_format(t->start, s), fc_date_format(t->end, e), len,
                  too_short ? "shorter" : "longer", FC_SOURCE_VG15);
    return true;
}

/* ------------------------------------------------------------ cycles */

static fc_status_t cycle_dates(const fc_term_t *t, int64_t k, fc_date_t *end, fc_date_t *deadline)
{
    fc_date_t e, d;
    if (!add_months(t->end, k * t->renewal_months, &e) || !add_months(e, -t->notice_months, &d))
        return FC_OUT_OF_RANGE;
    if (end)
        *end = e;
    if (deadline)
        *deadline = d;
    return FC_OK;
}

fc_status_t fc_term_cycle(const fc_term_t *t, int64_t k, fc_date_t *end, fc_date_t *deadline)
{
    if (!t || usable(t, NULL) != FC_OK || !fixed(t) || k < 0 || (k > 0 && !renews(t)))
        return FC_INVALID_ARGUMENT;
    /* k * renewal stays far inside int64: beyond 9999 years add_months fails. */
    if (k > (int64_t)10000 * 12)
        return FC_OUT_OF_RANGE;
    return cycle_dates(t, k, end, deadline);
}

/* The deadline of cycle k lies in month index(end) + k*R - N with its day
 * clamped, and rises with k by R months. So the smallest k whose deadline
 * month reaches day's month is a division, and within that month only the
 * day can still fail: then the next cycle, a whole month or more later. */
static fc_status_t first_cycle(const fc_term_t *t, fc_date_t day, int64_t *k)
{
    fc_date_t deadline;
    if (!renews(t)) {
        if (cycle_dates(t, 0, NULL, &deadline) != FC_OK || fc_date_cmp(deadline, day) < 0)
            return FC_OUT_OF_RANGE;
        *k = 0;
        return FC_OK;
    }
    int64_t gap = month_index(day) - month_index(t->end) + t->notice_months;
    int64_t c = gap <= 0 ? 0 : (gap + t->renewal_months - 1) / t->renewal_months;
    if (c > (int64_t)10000 * 12)
        return FC_OUT_OF_RANGE;
    fc_status_t st = cycle_dates(t, c, NULL, &deadline);
    if (st == FC_OK && fc_date_cmp(deadline, day) < 0)
        st = cycle_dates(t, ++c, NULL, &deadline);
    if (st == FC_OK)
        *k = c;
    return st;
}

fc_status_t fc_term_first_cycle_on_or_after(const fc_term_t *t, fc_date_t day, int64_t *k)
{
    if (!t || !k || usable(t, NULL) != FC_OK || !fixed(t) || !fc_date_valid(day))
        return FC_INVALID_ARGUMENT;
    return first_cycle(t, day, k);
}

/* ------------------------------------------------------------ notice */

/* How a notice came to take effect when it does; formatted two ways: the
 * full reasoning for the notice, and a phrase for the end in force. */
typedef enum {
    HOW_AT_TERM_END,   /* automatic renewal: at the end of cycle k */
    HOW_PERIOD,        /* received + notice months */
    HOW_MONTH_END,     /* end of the month of received + notice months */
    HOW_WINDOW,        /* annual window, this year or the next */
    HOW_CAPPED         /* any of the above would pass the fixed end */
} how_t;

typedef struct {
    fc_date_t received, effective;
    how_t how;
    int64_t k;          /* HOW_AT_TERM_END: the cycle */
    fc_date_t plus;     /* HOW_PERIOD/MONTH_END/CAPPED: received + notice months */
    bool next_year;     /* HOW_WINDOW: received after the window */
} outcome_t;

/* The notice belongs to the first window ending on or after the day it was
 * received, and takes effect on the first effect day after that window: the
 * same year for Örebro's 30 June and 31 December. False past 9999. */
static bool window_effect(const fc_term_t *t, outcome_t *o)
{
    const fc_annual_review_t *r = &t->annual_review;
    int year = o->received.year;
    fc_date_t window = annual_day(year, r->window_end_month, r->window_end_day);
    o->next_year = fc_date_cmp(o->received, window) > 0;
    if (o->next_year)
        window = annual_day(++year, r->window_end_month, r->window_end_day);
    o->effective = annual_day(year, r->effect_month, r->effect_day);
    if (fc_date_cmp(o->effective, window) < 0)
        o->effective = annual_day(year + 1, r->effect_month, r->effect_day);
    return o->effective.year <= 9999;
}

/* The effective date before any cap, by the rule that decides it. */
static fc_status_t uncapped(const fc_term_t *t, outcome_t *o, fc_reason_t *why)
{
    if (t->has_annual_review) {
        o->how = HOW_WINDOW;
        return window_effect(t, o) ? FC_OK : beyond_calendar(why, "the effect day");
    }
    if (!t->notice_to_month_end && renews(t)) {
        o->how = HOW_AT_TERM_END;
        fc_status_t st = first_cycle(t, o->received, &o->k);
        if (st == FC_OK)
            st = cycle_dates(t, o->k, &o->effective, NULL);
        return st == FC_OK ? FC_OK : beyond_calendar(why, "the end the notice applies to");
    }
    o->how = t->notice_to_month_end ? HOW_MONTH_END : HOW_PERIOD;
    if (!add_months(o->received, t->notice_months, &o->plus))
        return beyond_calendar(why, "the end of the notice period");
    o->effective = o->how == HOW_MONTH_END ? fc_date_end_of_month(o->plus) : o->plus;
    return FC_OK;
}

static fc_status_t notice_outcome(const fc_term_t *t, fc_date_t received, outcome_t *o,
                                  fc_reason_t *why)
{
    char r[FC_DATE_STRLEN], s[FC_DATE_STRLEN], e[FC_DATE_STRLEN];
    if (!t || !fc_date_valid(received)) {
        fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_TERM, "no term or no valid date received");
        return FC_INVALID_ARGUMENT;
    }
    fc_status_t st = usable(t, why);
    if (st != FC_OK)
        return st;
    if (fc_date_cmp(received, t->start) < 0) {
        fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_TERM,
                      "a notice received %s, before the term starts %s, terminates nothing",
                      fc_date_format(received, r), fc_date_format(t->start, s));
        return FC_INVALID_ARGUMENT;
    }
    if (fixed(t) && !renews(t) && fc_date_cmp(received, t->end) > 0) {
        fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_TERM,
                      "the term ended %s; a notice received %s terminates nothing",
                      fc_date_format(t->end, e), fc_date_format(received, r));
        return FC_INVALID_ARGUMENT;
    }
    *o = (outcome_t){.received = received};
    if ((st = uncapped(t, o, why)) != FC_OK)
        return st;
    if (!fixed(t) || o->how == HOW_AT_TERM_END)
        return FC_OK;
    /* A fixed term ends at its end in force whatever the notice (Bilaga 1 §2). */
    int64_t k = 0;
    fc_date_t end = t->end;
    if (renews(t) && (first_cycle(t, received, &k) != FC_OK ||
                      cycle_dates(t, k, &end, NULL) != FC_OK))
        return beyond_calendar(why, "the end in force");
    if (fc_date_cmp(o->effective, end) > 0) {
        o->effective = end;
        o->how = HOW_CAPPED;
        o->k = k;
    }
    return FC_OK;
}

static const char *const MONTHS[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};

static const char *month_name(int month)
{
    return month >= 1 && month <= 12 ? MONTHS[month - 1] : "?";
}

/* "at the end of the next year" for 31 December, else "on 31 March of the
 * next year"; years further on by number. */
static void effect_phrase(const fc_annual_review_t *r, const outcome_t *o, char *buf,
                          size_t size)
{
    int ahead = o->effective.year - o->received.year;
    char year[32];
    if (ahead == 0 || ahead == 1)
        fc_snformat(year, sizeof year, "the %s year", ahead ? "next" : "same");
    else
        fc_snformat(year, sizeof year, "%d", o->effective.year);
    if (r->effect_month == 12 && r->effect_day == 31)
        fc_snformat(buf, size, "at the end of %s", year);
    else
        fc_snformat(buf, size, "on %d %s of %s", o->effective.day, month_name(r->effect_month),
                    year);
}

static void explain_at_term_end(const fc_term_t *t, const outcome_t *o, fc_reason_t *why)
{
    char r[FC_DATE_STRLEN], d[FC_DATE_STRLEN], e[FC_DATE_STRLEN], p[FC_DATE_STRLEN];
    char notice[32], renewal[32];
    fc_date_t deadline, end, prev_deadline, prev_end;
    cycle_dates(t, o->k, &end, &deadline);
    fc_term_months_text(t->notice_months, false, notice, sizeof notice);
    fc_term_months_text(t->renewal_months, true, renewal, sizeof renewal);
    if (o->k == 0) {
        fc_reason_set(why, FC_RULE_AUTO_RENEWAL, FC_SOURCE_VG4,
                      "notice received %s, on or before the deadline %s (%s before the end), "
                      "takes effect at the end of the term, %s (%s)",
                      fc_date_format(o->received, r), fc_date_format(deadline, d), notice,
                      fc_date_format(end, e), FC_SOURCE_VG4);
        return;
    }
    cycle_dates(t, o->k - 1, &prev_end, &prev_deadline);
    fc_reason_set(why, FC_RULE_AUTO_RENEWAL, FC_SOURCE_VG4,
                  "notice received %s came after the deadline %s (%s before %s), so the term "
                  "was extended automatically by %s and the notice takes effect at the end of "
                  "the extended term, %s (%s)",
                  fc_date_format(o->received, r), fc_date_format(prev_deadline, d), notice,
                  fc_date_format(prev_end, p), renewal, fc_date_format(end, e), FC_SOURCE_VG4);
}

/* The full reasoning: what the rule is and how the dates came out. */
static void explain_notice(const fc_term_t *t, const outcome_t *o, fc_reason_t *why)
{
    char r[FC_DATE_STRLEN], p[FC_DATE_STRLEN], e[FC_DATE_STRLEN], notice[32], phrase[64];
    fc_date_format(o->received, r);
    fc_date_format(o->effective, e);
    fc_date_format(o->plus, p);
    fc_term_months_text(t->notice_months, false, notice, sizeof notice);
    switch (o->how) {
    case HOW_AT_TERM_END:
        explain_at_term_end(t, o, why);
        return;
    case HOW_PERIOD:
        fc_reason_set(why, FC_RULE_NOTICE_PERIOD, FC_SOURCE_BILAGA1_2,
                      "%s' written notice (varsel): received %s, takes effect %s (%s)", notice, r,
                      e, FC_SOURCE_BILAGA1_2);
        return;
    case HOW_MONTH_END:
        fc_reason_set(why, FC_RULE_MONTH_END_NOTICE, FC_SOURCE_BILAGA2_3,
                      "notice takes effect at the turn of the month nearest after %s "
                      "(månadsskiftet närmast efter uppsägningstiden): received %s, %s later is "
                      "%s, so it ends %s (%s)",
                      notice, r, notice, p, e, FC_SOURCE_BILAGA2_3);
        return;
    case HOW_WINDOW:
        effect_phrase(&t->annual_review, o, phrase, sizeof phrase);
        fc_reason_set(why, FC_RULE_ANNUAL_WINDOW, FC_SOURCE_OREBRO,
                      "a notice received %s %d %s takes effect %s: received %s, takes effect %s; "
                      "the responsibility remains until then (ansvaret kvarstår året ut) (%s)",
                      o->next_year ? "after" : "on or before", t->annual_review.window_end_day,
                      month_name(t->annual_review.window_end_month), phrase, r, e,
                      FC_SOURCE_OREBRO);
        return;
    case HOW_CAPPED:
        fc_reason_set(why, FC_RULE_FIXED_TERM, FC_SOURCE_BILAGA1_2,
                      "notice received %s would run past the end of the term, so it takes "
                      "effect when the term ends, %s (%s)",
                      r, e, FC_SOURCE_BILAGA1_2);
        return;
    }
}

/* The phrase after "in force until <date>:". */
static void explain_end_under_notice(const fc_term_t *t, const outcome_t *o, fc_reason_t *why)
{
    char r[FC_DATE_STRLEN], notice[32], phrase[64];
    fc_date_format(o->received, r);
    fc_term_months_text(t->notice_months, false, notice, sizeof notice);
    switch (o->how) {
    case HOW_AT_TERM_END:
        fc_reason_set(why, FC_RULE_AUTO_RENEWAL, FC_SOURCE_VG4,
                      "notice received %s takes effect at the end of the %sterm (%s)", r,
                      o->k ? "extended " : "", FC_SOURCE_VG4);
        return;
    case HOW_PERIOD:
        fc_reason_set(why, FC_RULE_NOTICE_PERIOD, FC_SOURCE_BILAGA1_2,
                      "notice received %s takes effect after %s' written notice (%s)", r, notice,
                      FC_SOURCE_BILAGA1_2);
        return;
    case HOW_MONTH_END:
        fc_reason_set(why, FC_RULE_MONTH_END_NOTICE, FC_SOURCE_BILAGA2_3,
                      "notice received %s takes effect at the end of the month in which %s have "
                      "passed (%s)",
                      r, notice, FC_SOURCE_BILAGA2_3);
        return;
    case HOW_WINDOW:
        effect_phrase(&t->annual_review, o, phrase, sizeof phrase);
        fc_reason_set(why, FC_RULE_ANNUAL_WINDOW, FC_SOURCE_OREBRO,
                      "notice received %s, %s %d %s, takes effect %s (%s)", r,
                      o->next_year ? "after" : "on or before", t->annual_review.window_end_day,
                      month_name(t->annual_review.window_end_month), phrase, FC_SOURCE_OREBRO);
        return;
    case HOW_CAPPED:
        fc_reason_set(why, FC_RULE_FIXED_TERM, FC_SOURCE_BILAGA1_2,
                      "notice received %s takes effect when the term ends (%s)", r,
                      FC_SOURCE_BILAGA1_2);
        return;
    }
}

fc_status_t fc_term_notice_effective(const fc_term_t *t, fc_date_t received,
                                     fc_date_t *effective, fc_reason_t *why)
{
    outcome_t o;
    fc_status_t st = notice_outcome(t, received, &o, why);
    if (st != FC_OK)
        return st;
    if (effective)
        *effective = o.effective;
    explain_notice(t, &o, why);
    return FC_OK;
}

/* ------------------------------------------------------------ end in force */

static void explain_open(const fc_term_t *t, fc_reason_t *why)
{
    const char *source = t->has_annual_review      ? FC_SOURCE_OREBRO
                         : t->notice_to_month_end ? FC_SOURCE_BILAGA2_3
                                                  : FC_SOURCE_TERM;
    fc_reason_set(why, FC_RULE_UNTIL_FURTHER_NOTICE, source,
                  "runs until further notice (tills vidare): it has no end until notice is "
                  "given (%s)",
                  source);
}

static void explain_fixed_end(const fc_term_t *t, fc_date_t on, fc_reason_t *why)
{
    char e[FC_DATE_STRLEN], option[96] = "", months[32];
    fc_date_format(t->end, e);
    if (t->extension_option_months > 0)
        fc_snformat(option, sizeof option,
                    ", unless all parties decide in writing to extend it by %s",
                    fc_term_months_text(t->extension_option_months, false, months, sizeof months));
    if (fc_date_cmp(on, t->end) > 0)
        fc_reason_set(why, FC_RULE_FIXED_TERM, FC_SOURCE_BILAGA1_2,
                      "the fixed term ended %s (%s)", e, FC_SOURCE_BILAGA1_2);
    else
        fc_reason_set(why, FC_RULE_FIXED_TERM, FC_SOURCE_BILAGA1_2,
                      "the fixed term ends %s%s (%s)", e, option, FC_SOURCE_BILAGA1_2);
}

static void explain_renewed_end(const fc_term_t *t, int64_t k, fc_reason_t *why)
{
    char e[FC_DATE_STRLEN], d[FC_DATE_STRLEN], p[FC_DATE_STRLEN], w[FC_DATE_STRLEN];
    char notice[32], renewal[32], nth[64] = "";
    fc_date_t end, deadline, prev_end;
    cycle_dates(t, k, &end, &deadline);
    fc_term_months_text(t->notice_months, false, notice, sizeof notice);
    fc_term_months_text(t->renewal_months, true, renewal, sizeof renewal);
    if (k == 0) {
        fc_reason_set(why, FC_RULE_AUTO_RENEWAL, FC_SOURCE_VG4,
                      "ends %s if terminated in writing by %s (%s before the end); otherwise it "
                      "is extended automatically by %s (%s)",
                      fc_date_format(end, e), fc_date_format(deadline, d), notice, renewal,
                      FC_SOURCE_VG4);
        return;
    }
    cycle_dates(t, k - 1, &prev_end, NULL);
    if (k > 1)
        fc_snformat(nth, sizeof nth, "; extension %lld since the written end %s", (long long)k,
                    fc_date_format(t->end, w));
    fc_reason_set(why, FC_RULE_AUTO_RENEWAL, FC_SOURCE_VG4,
                  "not terminated in writing %s before %s, so extended automatically by %s to "
                  "%s%s (%s)",
                  notice, fc_date_format(prev_end, p), renewal, fc_date_format(end, e), nth,
                  FC_SOURCE_VG4);
}

static fc_status_t end_without_notice(const fc_term_t *t, fc_date_t on, bool *has_end,
                                      fc_date_t *end, fc_reason_t *why)
{
    if (!fixed(t)) {
        *has_end = false;
        explain_open(t, why);
        return FC_OK;
    }
    *has_end = true;
    if (!renews(t)) {
        *end = t->end;
        explain_fixed_end(t, on, why);
        return FC_OK;
    }
    int64_t k;
    if (first_cycle(t, on, &k) != FC_OK || cycle_dates(t, k, end, NULL) != FC_OK)
        return beyond_calendar(why, "the end in force");
    explain_renewed_end(t, k, why);
    return FC_OK;
}

fc_status_t fc_term_end_in_force(const fc_term_t *t, fc_date_t on,
                                 const fc_date_t *notice_received, bool *has_end,
                                 fc_date_t *end, fc_reason_t *why)
{
    bool ignored_has;
    fc_date_t ignored_end;
    if (!has_end)
        has_end = &ignored_has;
    if (!end)
        end = &ignored_end;
    if (!t || !fc_date_valid(on)) {
        fc_reason_set(why, FC_RULE_INVALID, FC_SOURCE_TERM, "no term or no valid day");
        return FC_INVALID_ARGUMENT;
    }
    if (!notice_received) {
        fc_status_t st = usable(t, why);
        return st != FC_OK ? st : end_without_notice(t, on, has_end, end, why);
    }
    outcome_t o;
    fc_status_t st = notice_outcome(t, *notice_received, &o, why);
    if (st != FC_OK)
        return st;
    *has_end = true;
    *end = o.effective;
    explain_end_under_notice(t, &o, why);
    return FC_OK;
}
