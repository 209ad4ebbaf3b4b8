/* Term rules (domain: "Agreements", "Deadlines").
 *
 * A deadline is the last day written notice can be given; it is never moved
 * later. Month arithmetic keeps the day of month, clamped to the month's end
 * (fc_date_add_months), and auto-renewed ends are always computed from the
 * original end so that clamping never drifts (31 Jan + 1 + 1 month would
 * otherwise give 28 Mar). */
#include "term.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x

/* ------------------------------------------------------------ report */

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

/* Grows an array of strings by one slot; the count is bumped by the caller
 * only once every parallel array has room. */
static int grow(char ***arr, size_t n)
{
    char **p = realloc(*arr, (n + 1) * sizeof *p);
    if (!p)
        return -1;
    *arr = p;
    return 0;
}

int fc_report_violation(fc_report_t *r, const char *field, const char *fmt, ...)
{
    char *f = strdup(field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    char *d = vformat(fmt, ap);
    va_end(ap);
    if (!f || !d || grow(&r->fields, r->n_violations) || grow(&r->descriptions, r->n_violations)) {
        free(f);
        free(d);
        return -1;
    }
    r->fields[r->n_violations] = f;
    r->descriptions[r->n_violations] = d;
    r->n_violations++;
    return 0;
}

int fc_report_warning(fc_report_t *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *w = vformat(fmt, ap);
    va_end(ap);
    if (!w || grow(&r->warnings, r->n_warnings)) {
        free(w);
        return -1;
    }
    r->warnings[r->n_warnings++] = w;
    return 0;
}

void fc_report_clear(fc_report_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_violations; i++) {
        free(r->fields[i]);
        free(r->descriptions[i]);
    }
    for (size_t i = 0; i < r->n_warnings; i++)
        free(r->warnings[i]);
    free(r->fields);
    free(r->descriptions);
    free(r->warnings);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------ dates */

/* An all-zero Date is what an empty JSON object or a zeroed struct decodes
 * to; it means "not given", not "invalid". */
static bool pb_date_given(const Fcavtal__V1__Date *pb)
{
    return pb && (pb->year || pb->month || pb->day);
}

bool fc_date_from_pb(const Fcavtal__V1__Date *pb, fc_date_t *out)
{
    if (!pb_date_given(pb))
        return false;
    fc_date_t d = {.year = pb->year, .month = pb->month, .day = pb->day};
    if (!fc_date_valid(d))
        return false;
    if (out)
        *out = d;
    return true;
}

static bool annual_review_given(const Fcavtal__V1__AnnualReview *ar)
{
    return ar && (ar->window_end_month || ar->window_end_day || ar->effect_month ||
                  ar->effect_day);
}

/* A day of the year that exists in some year: 29 February is allowed and
 * clamped to the 28th in common years (annual_day). */
static bool month_day_possible(int32_t month, int32_t day)
{
    return month >= 1 && month <= 12 && day >= 1 && day <= fc_date_days_in_month(2000, month);
}

static fc_date_t annual_day(int year, int32_t month, int32_t day)
{
    fc_date_t d = {.year = year, .month = month, .day = 1};
    int last = fc_date_days_in_month(year, month);
    d.day = day > last ? last : day;
    return d;
}

/* Months from `from` to `to`: the largest m with from + m months <= to. */
static int whole_months(fc_date_t from, fc_date_t to)
{
    int m = (to.year - from.year) * 12 + (to.month - from.month);
    while (m > 0 && fc_date_cmp(fc_date_add_months(from, m), to) > 0)
        m--;
    return m;
}

/* Appends "N unit(s)" to parts[*n] when N is non-zero. */
static void length_part(char parts[3][32], int *n, long long count, const char *unit)
{
    if (!count)
        return;
    snprintf(parts[*n], sizeof parts[*n], "%lld %s%s", count, unit, count == 1 ? "" : "s");
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
        snprintf(buf, size, "0 days");
    else if (n == 1)
        snprintf(buf, size, "%s", parts[0]);
    else if (n == 2)
        snprintf(buf, size, "%s and %s", parts[0], parts[1]);
    else
        snprintf(buf, size, "%s, %s and %s", parts[0], parts[1], parts[2]);
}

/* ------------------------------------------------------------ check */

typedef struct {
    const char *path;
    fc_report_t *report;
} ctx_t;

static void violation(const ctx_t *c, const char *field, const char *what)
{
    char full[256];
    snprintf(full, sizeof full, "%s.%s", c->path, field);
    /* Out of memory only loses a message; the caller's reply still fails. */
    (void)fc_report_violation(c->report, full, "%s", what);
}

static void check_months(const ctx_t *c, const char *field, int32_t months)
{
    if (months >= 0)
        return;
    char what[96];
    snprintf(what, sizeof what, "%s must not be negative (got %d)", field, (int)months);
    violation(c, field, what);
}

static void check_annual_review(const ctx_t *c, const Fcavtal__V1__AnnualReview *ar)
{
    if (!annual_review_given(ar))
        return;
    char what[128];
    if (!month_day_possible(ar->window_end_month, ar->window_end_day)) {
        snprintf(what, sizeof what, "review window end %d/%d is not a day of the year",
                 (int)ar->window_end_day, (int)ar->window_end_month);
        violation(c, "annual_review.window_end_month", what);
    }
    if (!month_day_possible(ar->effect_month, ar->effect_day)) {
        snprintf(what, sizeof what, "termination effect day %d/%d is not a day of the year",
                 (int)ar->effect_day, (int)ar->effect_month);
        violation(c, "annual_review.effect_month", what);
    }
}

/* VG §15 recommends a local agreement of 3-5 years. */
static void warn_local_length(const ctx_t *c, fc_date_t start, fc_date_t end)
{
    fc_date_t after = fc_date_add_days(end, 1);
    bool too_short = fc_date_cmp(after, fc_date_add_months(start, 36)) < 0;
    bool too_long = fc_date_cmp(after, fc_date_add_months(start, 60)) > 0;
    if (!too_short && !too_long)
        return;
    char len[128], s[FC_DATE_STRLEN], e[FC_DATE_STRLEN];
    format_length(start, end, len, sizeof len);
    (void)fc_report_warning(c->report,
                            "local agreement term %s to %s is %s, %s than VG §15 recommends "
                            "(3-5 years)",
                            fc_date_format(start, s), fc_date_format(end, e), len,
                            too_short ? "shorter" : "longer");
}

static bool check_start(const ctx_t *c, const Fcavtal__V1__Term *term, fc_date_t *start)
{
    if (fc_date_from_pb(term->start, start))
        return true;
    violation(c, "start", pb_date_given(term->start) ? "start is not a valid date"
                                                     : "start is required");
    return false;
}

static bool check_end(const ctx_t *c, const Fcavtal__V1__Term *term, fc_date_t *end)
{
    bool given = pb_date_given(term->end);
    if (term->until_further_notice) {
        if (given)
            violation(c, "end", "end must be absent when the term runs until further notice");
        return false;
    }
    if (fc_date_from_pb(term->end, end))
        return true;
    violation(c, "end", given ? "end is not a valid date"
                              : "end is required unless the term runs until further notice");
    return false;
}

void fc_term_check(const Fcavtal__V1__Term *term, Fcavtal__V1__AgreementKind kind,
                   const char *path, fc_report_t *report)
{
    if (!report)
        return;
    ctx_t c = {.path = path && *path ? path : "term", .report = report};
    if (!term) {
        (void)fc_report_violation(report, c.path, "term is required");
        return;
    }
    fc_date_t start, end;
    bool has_start = check_start(&c, term, &start);
    bool has_end = check_end(&c, term, &end);
    check_months(&c, "renewal_months", term->renewal_months);
    check_months(&c, "notice_months", term->notice_months);
    check_months(&c, "extension_option_months", term->extension_option_months);
    check_annual_review(&c, term->annual_review);
    if (!has_start || !has_end)
        return;
    char s[FC_DATE_STRLEN], e[FC_DATE_STRLEN], what[96];
    if (fc_date_cmp(end, start) < 0) {
        snprintf(what, sizeof what, "end %s is before start %s", fc_date_format(end, e),
                 fc_date_format(start, s));
        violation(&c, "end", what);
        return;
    }
    if (kind == KIND(LOCAL))
        warn_local_length(&c, start, end);
}

/* ------------------------------------------------------------ notice */

/* Whether `months` added to d stays within year 9999, the last date. */
static bool months_fit(fc_date_t d, int64_t months)
{
    int64_t idx = (int64_t)d.year * 12 + (d.month - 1) + months;
    return idx >= 12 && idx <= (int64_t)9999 * 12 + 11;
}

/* The first end (end + k * renewal, k >= 0) whose notice deadline
 * end - notice is on or after `day`. */
static bool roll_end(fc_date_t end, int32_t renewal, int32_t notice, fc_date_t day,
                     fc_date_t *out)
{
    for (int64_t k = 0;; k++) {
        int64_t add = k * renewal;
        if (add > INT32_MAX || !months_fit(end, add))
            return false;
        fc_date_t e = fc_date_add_months(end, (int)add);
        if (fc_date_cmp(fc_date_add_months(e, -notice), day) >= 0) {
            *out = e;
            return true;
        }
        if (renewal <= 0)
            return false;
    }
}

/* Örebro: notice by the window end of year Y takes effect that year's effect
 * day, later notices a year on. */
static fc_status_t annual_effective(const Fcavtal__V1__AnnualReview *ar, fc_date_t received,
                                    fc_date_t *eff)
{
    if (!month_day_possible(ar->window_end_month, ar->window_end_day) ||
        !month_day_possible(ar->effect_month, ar->effect_day))
        return FC_INVALID_ARGUMENT;
    int year = received.year;
    if (fc_date_cmp(received, annual_day(year, ar->window_end_month, ar->window_end_day)) > 0)
        year++;
    fc_date_t e = annual_day(year, ar->effect_month, ar->effect_day);
    /* An effect day earlier in the year than the window falls in the next year. */
    if (fc_date_cmp(e, received) < 0)
        e = annual_day(++year, ar->effect_month, ar->effect_day);
    if (year > 9999)
        return FC_INVALID_ARGUMENT;
    *eff = e;
    return FC_OK;
}

static fc_status_t plus_notice(fc_date_t received, int32_t notice, bool to_month_end,
                               fc_date_t *eff)
{
    if (!months_fit(received, notice))
        return FC_INVALID_ARGUMENT;
    fc_date_t e = fc_date_add_months(received, notice);
    *eff = to_month_end ? fc_date_end_of_month(e) : e;
    return FC_OK;
}

/* A fixed end, or false for a term that runs until further notice. */
static fc_status_t fixed_end(const Fcavtal__V1__Term *term, fc_date_t start, bool *fixed,
                             fc_date_t *end)
{
    *fixed = !term->until_further_notice;
    if (!*fixed)
        return FC_OK;
    if (!fc_date_from_pb(term->end, end) || fc_date_cmp(*end, start) < 0)
        return FC_INVALID_ARGUMENT;
    return FC_OK;
}

fc_status_t fc_term_notice_effective(const Fcavtal__V1__Term *term, fc_date_t received,
                                     fc_date_t *effective)
{
    fc_date_t start, end, eff;
    bool fixed;
    if (!term || !effective || !fc_date_valid(received) || !fc_date_from_pb(term->start, &start))
        return FC_INVALID_ARGUMENT;
    if (fc_date_cmp(received, start) < 0 || term->notice_months < 0 || term->renewal_months < 0)
        return FC_INVALID_ARGUMENT;
    if (fixed_end(term, start, &fixed, &end) != FC_OK)
        return FC_INVALID_ARGUMENT;
    bool renews = fixed && term->renewal_months > 0;
    /* Notice after a fixed, non-renewing term has ended terminates nothing. */
    if (fixed && !renews && fc_date_cmp(received, end) > 0)
        return FC_INVALID_ARGUMENT;

    fc_status_t st = FC_OK;
    if (annual_review_given(term->annual_review))
        st = annual_effective(term->annual_review, received, &eff);
    else if (term->notice_to_month_end)
        st = plus_notice(received, term->notice_months, true, &eff);
    else if (renews)
        st = roll_end(end, term->renewal_months, term->notice_months, received, &eff)
                 ? FC_OK : FC_INVALID_ARGUMENT;
    else
        st = plus_notice(received, term->notice_months, false, &eff);
    if (st != FC_OK)
        return st;
    /* A fixed term ends at its end whatever the notice (Bilaga 1 §2). */
    if (fixed && !renews && fc_date_cmp(eff, end) > 0)
        eff = end;
    *effective = eff;
    return FC_OK;
}

bool fc_term_current_end(const Fcavtal__V1__Term *term, fc_date_t today, fc_date_t *end)
{
    fc_date_t e;
    if (!term || !end || term->until_further_notice || !fc_date_from_pb(term->end, &e))
        return false;
    if (term->renewal_months <= 0) {
        *end = e;
        return true;
    }
    /* Meaningless (negative) notice or a date past 9999: no answer. */
    if (term->notice_months < 0 || !fc_date_valid(today))
        return false;
    return roll_end(e, term->renewal_months, term->notice_months, today, end);
}
