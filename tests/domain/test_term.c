/* Term arithmetic: when an agreement ends and when a notice takes effect,
 * for every kind of term in the sources, with the explanation a user reads. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fcavtal/term.h"

static fc_date_t D(const char *text)
{
    fc_date_t d;
    cr_assert_eq(fc_date_parse(text, &d), 0, "bad test date %s", text);
    return d;
}

static const char *S(fc_date_t d, char buf[FC_DATE_STRLEN])
{
    return fc_date_format(d, buf);
}

/* end NULL: until further notice. */
static fc_term_t term(const char *start, const char *end, int notice)
{
    fc_term_t t = {.start = D(start), .notice_months = notice};
    if (end)
        t.end = D(end);
    else
        t.until_further_notice = true;
    return t;
}

/* VG §4: 2024-03-01 - 2025-12-31, 12 months' notice, else 2 more years. */
static fc_term_t vg_framework(void)
{
    fc_term_t t = term("2024-03-01", "2025-12-31", 12);
    t.renewal_months = 24;
    return t;
}

/* Örebro, Giltighet: until further notice, by 30 June, effect 31 December. */
static fc_term_t orebro(void)
{
    fc_term_t t = term("2018-09-21", NULL, 0);
    t.has_annual_review = true;
    t.annual_review = (fc_annual_review_t){6, 30, 12, 31};
    return t;
}

/* Bilaga 2 §3: until further notice, six months to the month's end. */
static fc_term_t use_right(void)
{
    fc_term_t t = term("2024-01-01", NULL, 6);
    t.notice_to_month_end = true;
    return t;
}

static void expect_effective(const fc_term_t *t, const char *received, const char *want)
{
    fc_date_t eff = {0, 0, 0};
    fc_reason_t why;
    char got[FC_DATE_STRLEN];
    fc_status_t st = fc_term_notice_effective(t, D(received), &eff, &why);
    cr_assert_eq(st, FC_OK, "notice %s: status %d: %s", received, st, why.text);
    cr_expect_eq(fc_date_cmp(eff, D(want)), 0, "notice %s: effective %s, want %s", received,
                 S(eff, got), want);
    cr_expect_gt(strlen(why.text), 0);
}

static void expect_refused(const fc_term_t *t, const char *received, fc_status_t want,
                           const char *text)
{
    fc_date_t eff = {0, 0, 0};
    fc_reason_t why;
    cr_expect_eq(fc_term_notice_effective(t, D(received), &eff, &why), want,
                 "notice %s should be refused", received);
    if (text)
        cr_expect(strstr(why.text, text), "'%s' not in '%s'", text, why.text);
}

static fc_reason_t expect_end(const fc_term_t *t, const char *on, const char *notice,
                              const char *want)
{
    fc_date_t end = {0, 0, 0}, received;
    bool has = false;
    fc_reason_t why;
    char got[FC_DATE_STRLEN];
    if (notice)
        received = D(notice);
    fc_status_t st = fc_term_end_in_force(t, D(on), notice ? &received : NULL, &has, &end, &why);
    cr_assert_eq(st, FC_OK, "on %s: status %d: %s", on, st, why.text);
    cr_assert(has, "no end on %s", on);
    cr_expect_eq(fc_date_cmp(end, D(want)), 0, "on %s: end %s, want %s", on, S(end, got), want);
    return why;
}

/* ---------------------------------------------------------- VG framework */

Test(framework, notice_in_time_ends_at_the_written_end)
{
    fc_term_t t = vg_framework();
    expect_effective(&t, "2024-06-01", "2025-12-31");
    expect_effective(&t, "2024-03-01", "2025-12-31");
    expect_effective(&t, "2024-12-31", "2025-12-31"); /* the deadline itself */
}

Test(framework, late_notice_applies_to_the_renewed_end)
{
    fc_term_t t = vg_framework();
    expect_effective(&t, "2025-01-01", "2027-12-31");
    expect_effective(&t, "2025-01-10", "2027-12-31");
    expect_effective(&t, "2026-12-31", "2027-12-31");
    expect_effective(&t, "2027-01-01", "2029-12-31");
}

Test(framework, end_in_force_rolls_past_each_deadline)
{
    fc_term_t t = vg_framework();
    expect_end(&t, "2024-06-01", NULL, "2025-12-31");
    expect_end(&t, "2024-12-31", NULL, "2025-12-31");
    expect_end(&t, "2025-01-01", NULL, "2027-12-31");
    expect_end(&t, "2026-12-31", NULL, "2027-12-31");
    expect_end(&t, "2027-01-01", NULL, "2029-12-31");
}

Test(framework, the_explanation_names_the_rule_and_the_dates)
{
    fc_term_t t = vg_framework();
    fc_reason_t why = expect_end(&t, "2025-06-01", NULL, "2027-12-31");
    cr_expect_str_eq(why.rule, "vg4.auto_renewal");
    cr_expect_str_eq(why.source, "VG §4");
    cr_expect_str_eq(why.text, "not terminated in writing 12 months before 2025-12-31, so "
                               "extended automatically by 2 years to 2027-12-31 (VG §4)");
    why = expect_end(&t, "2024-06-01", NULL, "2025-12-31");
    cr_expect(strstr(why.text, "by 2024-12-31"), "%s", why.text);
    why = expect_end(&t, "2027-06-01", NULL, "2029-12-31");
    cr_expect(strstr(why.text, "before 2027-12-31, so extended automatically by 2 years to "
                               "2029-12-31; extension 2 since the written end 2025-12-31"),
              "%s", why.text);

    fc_date_t eff;
    fc_term_notice_effective(&t, D("2025-01-10"), &eff, &why);
    cr_expect(strstr(why.text, "after the deadline 2024-12-31"), "%s", why.text);
    cr_expect(strstr(why.text, "2027-12-31 (VG §4)"), "%s", why.text);
}

/* Today the registry says "renewed automatically to 2029-12-31" for an
 * agreement under notice: with the notice, the end is the notice's. */
Test(framework, a_notice_fixes_the_end_in_force)
{
    fc_term_t t = vg_framework();
    fc_reason_t why = expect_end(&t, "2028-06-01", "2024-11-02", "2025-12-31");
    cr_expect_str_eq(why.text, "notice received 2024-11-02 takes effect at the end of the term "
                               "(VG §4)");
    why = expect_end(&t, "2024-11-03", "2025-03-01", "2027-12-31");
    cr_expect(strstr(why.text, "end of the extended term"), "%s", why.text);
}

Test(framework, renewal_does_not_drift_on_short_months)
{
    fc_term_t t = term("2024-01-01", "2025-01-31", 0);
    t.renewal_months = 1;
    /* 2025-01-31 + 2 months is 2025-03-31, not 2025-02-28 + 1 month. */
    expect_end(&t, "2025-03-01", NULL, "2025-03-31");
    expect_end(&t, "2025-02-28", NULL, "2025-02-28");
    expect_effective(&t, "2025-03-01", "2025-03-31");
}

Test(framework, cycles_count_from_the_written_end)
{
    fc_term_t t = vg_framework();
    fc_date_t end, deadline;
    char e[FC_DATE_STRLEN], d[FC_DATE_STRLEN];
    cr_assert_eq(fc_term_cycle(&t, 0, &end, &deadline), FC_OK);
    cr_expect_str_eq(S(end, e), "2025-12-31");
    cr_expect_str_eq(S(deadline, d), "2024-12-31");
    cr_assert_eq(fc_term_cycle(&t, 3, &end, &deadline), FC_OK);
    cr_expect_str_eq(S(end, e), "2031-12-31");
    cr_expect_str_eq(S(deadline, d), "2030-12-31");
    cr_expect_eq(fc_term_cycle(&t, -1, &end, NULL), FC_INVALID_ARGUMENT);
    int64_t k = -1;
    cr_assert_eq(fc_term_first_cycle_on_or_after(&t, D("2026-12-31"), &k), FC_OK);
    cr_expect_eq(k, 1);
    cr_assert_eq(fc_term_first_cycle_on_or_after(&t, D("2027-01-01"), &k), FC_OK);
    cr_expect_eq(k, 2);

    fc_term_t fixed = term("2024-01-01", "2027-12-31", 6);
    cr_expect_eq(fc_term_cycle(&fixed, 1, &end, NULL), FC_INVALID_ARGUMENT);
    cr_expect_eq(fc_term_first_cycle_on_or_after(&fixed, D("2027-07-01"), &k), FC_OUT_OF_RANGE);
}

/* ---------------------------------------------------------- VG local */

Test(local, six_months_notice_never_after_the_end)
{
    fc_term_t t = term("2024-01-01", "2027-12-31", 6);
    expect_effective(&t, "2026-08-31", "2027-02-28");
    expect_effective(&t, "2027-06-30", "2027-12-30");
    expect_effective(&t, "2027-10-01", "2027-12-31");
    expect_effective(&t, "2027-12-31", "2027-12-31");
    expect_refused(&t, "2028-01-01", FC_INVALID_ARGUMENT, "ended 2027-12-31");
    expect_end(&t, "2026-08-31", NULL, "2027-12-31");
    expect_end(&t, "2029-01-01", NULL, "2027-12-31");
    expect_end(&t, "2026-01-01", "2026-08-31", "2027-02-28");
}

Test(local, explanations_cite_bilaga_1)
{
    fc_term_t t = term("2024-01-01", "2027-12-31", 6);
    fc_date_t eff;
    fc_reason_t why;
    cr_assert_eq(fc_term_notice_effective(&t, D("2026-08-31"), &eff, &why), FC_OK);
    cr_expect_str_eq(why.rule, "bilaga1_2.notice_period");
    cr_expect_str_eq(why.text, "6 months' written notice (varsel): received 2026-08-31, takes "
                               "effect 2027-02-28 (Bilaga 1 §2)");
    cr_assert_eq(fc_term_notice_effective(&t, D("2027-10-01"), &eff, &why), FC_OK);
    cr_expect_str_eq(why.rule, "bilaga1_2.fixed_term");
    cr_expect(strstr(why.text, "takes effect when the term ends, 2027-12-31"), "%s", why.text);

    t.extension_option_months = 24;
    why = expect_end(&t, "2026-01-01", NULL, "2027-12-31");
    cr_expect_str_eq(why.text, "the fixed term ends 2027-12-31, unless all parties decide in "
                               "writing to extend it by 24 months (Bilaga 1 §2)");
    why = expect_end(&t, "2028-01-01", NULL, "2027-12-31");
    cr_expect_str_eq(why.text, "the fixed term ended 2027-12-31 (Bilaga 1 §2)");
}

Test(local, until_further_notice_plain)
{
    fc_term_t t = term("2024-01-01", NULL, 3);
    expect_effective(&t, "2025-01-31", "2025-04-30");
    bool has = true;
    fc_reason_t why;
    cr_assert_eq(fc_term_end_in_force(&t, D("2025-01-01"), NULL, &has, NULL, &why), FC_OK);
    cr_expect_not(has);
    cr_expect_str_eq(why.rule, "term.until_further_notice");
    cr_expect(strstr(why.text, "tills vidare"), "%s", why.text);
    expect_end(&t, "2025-03-01", "2025-01-31", "2025-04-30");
}

/* ---------------------------------------------------------- use-right */

Test(use_right, any_day_in_march_ends_30_september)
{
    fc_term_t t = use_right();
    char day[FC_DATE_STRLEN];
    for (int d = 1; d <= 31; d++) {
        snprintf(day, sizeof day, "2025-03-%02d", d);
        expect_effective(&t, day, "2025-09-30");
    }
    expect_effective(&t, "2025-04-01", "2025-10-31");
    expect_effective(&t, "2025-02-28", "2025-08-31");
    fc_date_t eff;
    fc_reason_t why;
    fc_term_notice_effective(&t, D("2025-03-15"), &eff, &why);
    cr_expect_str_eq(why.rule, "bilaga2_3.month_end_notice");
    cr_expect(strstr(why.text, "6 months later is 2025-09-15, so it ends 2025-09-30 "
                               "(Bilaga 2 §3)"),
              "%s", why.text);
}

Test(use_right, fixed_use_right_ends_at_its_end_at_the_latest)
{
    fc_term_t t = term("2024-01-01", "2025-06-30", 6);
    t.notice_to_month_end = true;
    expect_effective(&t, "2024-11-15", "2025-05-31");
    expect_effective(&t, "2025-02-01", "2025-06-30");
}

Test(use_right, has_no_end_until_notice)
{
    fc_term_t t = use_right();
    bool has = true;
    fc_reason_t why;
    cr_assert_eq(fc_term_end_in_force(&t, D("2025-03-01"), NULL, &has, NULL, &why), FC_OK);
    cr_expect_not(has);
    cr_expect_str_eq(why.source, "Bilaga 2 §3");
    why = expect_end(&t, "2025-03-20", "2025-03-10", "2025-09-30");
    cr_expect_str_eq(why.text, "notice received 2025-03-10 takes effect at the end of the month "
                               "in which 6 months have passed (Bilaga 2 §3)");
}

/* ---------------------------------------------------------- Örebro */

Test(orebro, annual_window)
{
    fc_term_t t = orebro();
    expect_effective(&t, "2025-06-30", "2025-12-31");
    expect_effective(&t, "2025-07-01", "2026-12-31");
    expect_effective(&t, "2025-01-02", "2025-12-31");
    expect_effective(&t, "2025-12-31", "2026-12-31");
}

Test(orebro, explanations_name_the_window)
{
    fc_term_t t = orebro();
    fc_date_t eff;
    fc_reason_t why;
    cr_assert_eq(fc_term_notice_effective(&t, D("2025-07-01"), &eff, &why), FC_OK);
    cr_expect_str_eq(why.rule, "orebro.annual_window");
    cr_expect_str_eq(why.source, "Örebro, Giltighet");
    cr_expect(strstr(why.text, "a notice received after 30 June takes effect at the end of the "
                               "next year"),
              "%s", why.text);
    cr_assert_eq(fc_term_notice_effective(&t, D("2025-06-30"), &eff, &why), FC_OK);
    cr_expect(strstr(why.text, "on or before 30 June takes effect at the end of the same year"),
              "%s", why.text);
    cr_expect(strstr(why.text, "ansvaret kvarstår året ut"), "%s", why.text);
}

Test(orebro, leap_day_window_is_clamped)
{
    fc_term_t t = orebro();
    t.annual_review.window_end_month = 2;
    t.annual_review.window_end_day = 29;
    cr_expect_eq(fc_term_problems(&t, NULL, NULL), 0);
    expect_effective(&t, "2025-02-28", "2025-12-31");
    expect_effective(&t, "2025-03-01", "2026-12-31");
    expect_effective(&t, "2024-02-29", "2024-12-31");
}

Test(orebro, effect_before_the_window_falls_in_the_next_year)
{
    fc_term_t t = orebro();
    t.annual_review = (fc_annual_review_t){6, 30, 3, 31};
    expect_effective(&t, "2025-05-01", "2026-03-31");
    expect_effective(&t, "2025-08-01", "2027-03-31");
}

/* ---------------------------------------------------------- problems */

typedef struct {
    char fields[16][48];
    char whats[16][200];
    size_t n;
} seen_t;

static void collect(void *ctx, const char *field, const char *what)
{
    seen_t *s = ctx;
    if (s->n < 16) {
        snprintf(s->fields[s->n], sizeof s->fields[0], "%s", field);
        snprintf(s->whats[s->n], sizeof s->whats[0], "%s", what);
    }
    s->n++;
}

static bool saw(const seen_t *s, const char *field, const char *text)
{
    for (size_t i = 0; i < s->n && i < 16; i++)
        if (strcmp(s->fields[i], field) == 0 && (!text || strstr(s->whats[i], text)))
            return true;
    return false;
}

Test(problems, the_sources_terms_have_none)
{
    fc_term_t terms[] = {vg_framework(), orebro(), use_right(),
                         term("2024-01-01", "2027-12-31", 6)};
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++)
        cr_expect_eq(fc_term_problems(&terms[i], NULL, NULL), 0, "term %zu", i);
}

Test(problems, months_are_bounded_and_named)
{
    fc_term_t t = term("2024-01-01", "2027-12-31", -1);
    t.renewal_months = FC_TERM_MAX_MONTHS + 1;
    t.extension_option_months = 2147483647;
    seen_t s = {.n = 0};
    cr_expect_eq(fc_term_problems(&t, collect, &s), 3);
    cr_expect(saw(&s, "notice_months", "must not be negative (got -1)"));
    cr_expect(saw(&s, "renewal_months", "121 is more than the 120 months"));
    cr_expect(saw(&s, "extension_option_months", "2147483647"));
    cr_expect_eq(fc_term_problems(&(fc_term_t){.start = D("2024-01-01"), .end = D("2034-01-01"),
                                               .notice_months = FC_TERM_MAX_MONTHS},
                                  NULL, NULL),
                 0, "the bound itself is allowed");
    fc_date_t eff;
    fc_reason_t why;
    cr_expect_eq(fc_term_notice_effective(&t, D("2025-01-01"), &eff, &why), FC_INVALID_ARGUMENT);
    cr_expect(strstr(why.text, "the term cannot be used: renewal_months"), "%s", why.text);
}

Test(problems, dates_and_shapes)
{
    seen_t s = {.n = 0};
    fc_term_t t = term("2025-01-01", "2024-01-01", 6);
    fc_term_problems(&t, collect, &s);
    cr_expect(saw(&s, "end", "end 2024-01-01 is before start 2025-01-01"));

    s.n = 0;
    t = term("2024-01-01", "2027-12-31", 6);
    t.start.day = 32;
    t.end.month = 13;
    fc_term_problems(&t, collect, &s);
    cr_expect(saw(&s, "start", "not a valid date"));
    cr_expect(saw(&s, "end", "not a valid date"));

    s.n = 0;
    t = orebro();
    t.annual_review = (fc_annual_review_t){2, 30, 13, 1};
    t.notice_to_month_end = true;
    t.renewal_months = 12;
    t.extension_option_months = 6;
    fc_term_problems(&t, collect, &s);
    cr_expect(saw(&s, "annual_review.window_end_month", "30/2"));
    cr_expect(saw(&s, "annual_review.effect_month", "1/13"));
    cr_expect(saw(&s, "notice_to_month_end", NULL));
    cr_expect(saw(&s, "renewal_months", "no end to renew"));
    cr_expect(saw(&s, "extension_option_months", "no end to extend"));

    s.n = 0;
    t = vg_framework();
    t.notice_months = 24; /* the deadline 2023-12-31 precedes the start */
    fc_term_problems(&t, collect, &s);
    cr_expect(saw(&s, "notice_months", "could never be given in time"));
}

Test(problems, notices_outside_the_term)
{
    fc_term_t t = vg_framework();
    expect_refused(&t, "2024-02-29", FC_INVALID_ARGUMENT, "before the term starts 2024-03-01");
    t = use_right();
    expect_refused(&t, "2023-12-31", FC_INVALID_ARGUMENT, NULL);
    t = orebro();
    expect_refused(&t, "2018-09-20", FC_INVALID_ARGUMENT, NULL);
    cr_expect_eq(fc_term_notice_effective(NULL, D("2025-01-01"), NULL, NULL), FC_INVALID_ARGUMENT);
    cr_expect_eq(fc_term_end_in_force(NULL, D("2025-01-01"), NULL, NULL, NULL, NULL),
                 FC_INVALID_ARGUMENT);
}

Test(problems, dates_past_9999_are_out_of_range)
{
    fc_term_t t = term("9990-01-01", "9999-06-30", 0);
    t.renewal_months = 12;
    fc_reason_t why;
    bool has;
    fc_date_t end;
    cr_expect_eq(fc_term_end_in_force(&t, D("9999-07-01"), NULL, &has, &end, &why),
                 FC_OUT_OF_RANGE);
    cr_expect(strstr(why.text, "9999-12-31"), "%s", why.text);
    t = term("9990-01-01", NULL, 6);
    expect_refused(&t, "9999-08-01", FC_OUT_OF_RANGE, NULL);
    t = orebro();
    expect_refused(&t, "9999-07-01", FC_OUT_OF_RANGE, NULL);
    expect_effective(&t, "9999-06-30", "9999-12-31");
}

/* ---------------------------------------------------------- length advice */

Test(length, three_to_five_years_is_recommended)
{
    fc_reason_t advice;
    fc_term_t t = term("2024-01-01", "2027-12-31", 6);
    cr_expect_not(fc_term_outside_recommended_length(&t, &advice));
    t = term("2024-01-01", "2026-12-31", 6);
    cr_expect_not(fc_term_outside_recommended_length(&t, &advice), "exactly 3 years");
    t = term("2024-03-15", "2029-03-14", 6);
    cr_expect_not(fc_term_outside_recommended_length(&t, &advice), "exactly 5 years");
    t = term("2024-01-01", "2025-12-31", 6);
    cr_assert(fc_term_outside_recommended_length(&t, &advice));
    cr_expect(strstr(advice.text, "is 2 years, shorter than VG §15 recommends"), "%s",
              advice.text);
    t = term("2024-01-01", "2029-12-31", 6);
    cr_assert(fc_term_outside_recommended_length(&t, &advice));
    cr_expect(strstr(advice.text, "is 6 years, longer"), "%s", advice.text);
    t = term("2024-01-01", "2026-03-10", 6);
    cr_assert(fc_term_outside_recommended_length(&t, &advice));
    cr_expect(strstr(advice.text, "2 years, 2 months and 10 days"), "%s", advice.text);
    t = orebro();
    cr_expect_not(fc_term_outside_recommended_length(&t, &advice), "no end, no advice");
}

Test(length, months_in_words)
{
    char buf[32];
    cr_expect_str_eq(fc_term_months_text(12, false, buf, sizeof buf), "12 months");
    cr_expect_str_eq(fc_term_months_text(24, true, buf, sizeof buf), "2 years");
    cr_expect_str_eq(fc_term_months_text(12, true, buf, sizeof buf), "1 year");
    cr_expect_str_eq(fc_term_months_text(18, true, buf, sizeof buf), "18 months");
    cr_expect_str_eq(fc_term_months_text(1, false, buf, sizeof buf), "1 month");
}

/* ---------------------------------------------------------- closed form */

/* The obvious loop over cycles, from the written end each time. */
static fc_date_t slow_end_in_force(const fc_term_t *t, fc_date_t on)
{
    for (int k = 0;; k++) {
        fc_date_t end = fc_date_add_months(t->end, k * t->renewal_months);
        if (t->renewal_months == 0 ||
            fc_date_cmp(fc_date_add_months(end, -t->notice_months), on) >= 0)
            return end;
    }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

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

Test(closed_form, equals_the_slow_loop_on_random_small_terms)
{
    for (int i = 0; i < 20000; i++) {
        fc_term_t t = {.start = random_day(2000, 2010), .renewal_months = rnd(0, 30),
                       .notice_months = rnd(0, 13)};
        t.end = fc_date_add_days(t.start, rnd(400, 3000));
        if (fc_term_problems(&t, NULL, NULL))
            continue;
        fc_date_t on = random_day(2000, 2040), end, want = slow_end_in_force(&t, on);
        bool has;
        char a[FC_DATE_STRLEN], b[FC_DATE_STRLEN], s[FC_DATE_STRLEN], e[FC_DATE_STRLEN];
        cr_assert_eq(fc_term_end_in_force(&t, on, NULL, &has, &end, NULL), FC_OK);
        cr_assert_eq(fc_date_cmp(end, want), 0,
                     "%s-%s renewal %d notice %d on %s: %s, loop says %s", S(t.start, s),
                     S(t.end, e), t.renewal_months, t.notice_months, S(on, a), S(end, b),
                     S(want, a));
        if (t.renewal_months == 0 || fc_date_cmp(on, t.start) < 0)
            continue;
        /* Under automatic renewal a notice takes effect at the end in force. */
        fc_date_t eff;
        cr_assert_eq(fc_term_notice_effective(&t, on, &eff, NULL), FC_OK);
        cr_assert_eq(fc_date_cmp(eff, want), 0);
    }
}

/* Renewal of 1 month to year 9999, and the largest bounded periods, cost
 * what a first-year question costs: 20000 questions take milliseconds in
 * closed form and hours cycle by cycle. */
Test(closed_form, far_futures_cost_constant_time, .timeout = 20)
{
    fc_term_t t = term("2024-01-01", "2025-01-31", 0);
    t.renewal_months = 1;
    fc_date_t end;
    bool has;
    char buf[FC_DATE_STRLEN];
    for (int i = 0; i < 20000; i++) {
        cr_assert_eq(fc_term_end_in_force(&t, D("9999-12-01"), NULL, &has, &end, NULL), FC_OK);
        cr_assert_str_eq(S(end, buf), "9999-12-31");
    }
    cr_expect_eq(fc_term_end_in_force(&t, D("9999-12-31"), NULL, &has, &end, NULL), FC_OK);
    int64_t k;
    cr_assert_eq(fc_term_first_cycle_on_or_after(&t, D("9999-12-31"), &k), FC_OK);
    cr_expect_eq(k, (9999 - 2025) * 12 + 11);

    fc_term_t big = term("2024-01-01", "2034-01-01", FC_TERM_MAX_MONTHS);
    big.renewal_months = 1;
    expect_end(&big, "9000-01-01", NULL, "9010-01-01");
    /* 2^31 months' notice is refused at once, never looped over. */
    big.notice_months = 2147483647;
    cr_expect_eq(fc_term_end_in_force(&big, D("2030-01-01"), NULL, &has, &end, NULL),
                 FC_INVALID_ARGUMENT);
}
