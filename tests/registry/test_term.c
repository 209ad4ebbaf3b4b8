/* The registry's term adapter: wire terms become the domain's fc_term_t,
 * every problem comes back as a violation of the named field, and the dates
 * the domain computes from a converted term are the sources' (domain:
 * "Agreements", "Deadlines"; the rules themselves: tests/domain). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "term.h"

#define KIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x

/* A term on the stack; its submessages point into the same struct, so it
 * must not be copied once set up. */
typedef struct {
    Fcavtal__V1__Term term;
    Fcavtal__V1__Date start, end;
    Fcavtal__V1__AnnualReview review;
} term_fx;

static fc_date_t D(const char *text)
{
    fc_date_t d;
    cr_assert_eq(fc_date_parse(text, &d), 0, "bad test date %s", text);
    return d;
}

static void set_pb(Fcavtal__V1__Date *pb, const char *text)
{
    fc_date_t d = D(text);
    fcavtal__v1__date__init(pb);
    pb->year = d.year;
    pb->month = d.month;
    pb->day = d.day;
}

/* end == NULL: until further notice. */
static void fx_init(term_fx *f, const char *start, const char *end, int32_t notice)
{
    memset(f, 0, sizeof *f);
    fcavtal__v1__term__init(&f->term);
    fcavtal__v1__annual_review__init(&f->review);
    if (start) {
        set_pb(&f->start, start);
        f->term.start = &f->start;
    }
    if (end) {
        set_pb(&f->end, end);
        f->term.end = &f->end;
    } else {
        f->term.until_further_notice = true;
    }
    f->term.notice_months = notice;
}

/* VG framework (VG §4): 2024-03-01 - 2025-12-31, 12 months' notice, else 2 more years. */
static void fx_vg_framework(term_fx *f)
{
    fx_init(f, "2024-03-01", "2025-12-31", 12);
    f->term.renewal_months = 24;
}

/* Örebro local: until further notice, review by 30 June, effect 31 December. */
static void fx_orebro(term_fx *f)
{
    fx_init(f, "2018-09-21", NULL, 0);
    f->review.window_end_month = 6;
    f->review.window_end_day = 30;
    f->review.effect_month = 12;
    f->review.effect_day = 31;
    f->term.annual_review = &f->review;
}

/* Use-right (Bilaga 2): until further notice, six months to the month's end. */
static void fx_use_right(term_fx *f)
{
    fx_init(f, "2024-01-01", NULL, 6);
    f->term.notice_to_month_end = true;
}

/* Converts, then asks the domain: what the registry does on record_notice. */
static fc_status_t effective_of(const term_fx *f, const char *received, fc_date_t *eff)
{
    fc_term_t t;
    if (!fc_term_from_pb(&f->term, &t))
        return FC_INVALID_ARGUMENT;
    return fc_term_notice_effective(&t, D(received), eff, NULL);
}

static void expect_effective(const term_fx *f, const char *received, const char *want)
{
    fc_date_t eff = {0, 0, 0};
    char got[FC_DATE_STRLEN];
    fc_status_t st = effective_of(f, received, &eff);
    cr_assert_eq(st, FC_OK, "notice %s: status %d", received, st);
    cr_expect_eq(fc_date_cmp(eff, D(want)), 0, "notice %s: effective %s, want %s", received,
                 fc_date_format(eff, got), want);
}

static void expect_invalid(const term_fx *f, const char *received)
{
    fc_date_t eff = {0, 0, 0};
    cr_expect_eq(effective_of(f, received, &eff), FC_INVALID_ARGUMENT,
                 "notice %s should be refused", received);
}

/* false: runs until further notice. */
static bool current_end(const term_fx *f, const char *today, fc_date_t *end)
{
    fc_term_t t;
    bool has = false;
    cr_assert(fc_term_from_pb(&f->term, &t));
    cr_assert_eq(fc_term_end_in_force(&t, D(today), NULL, &has, end, NULL), FC_OK);
    return has;
}

static void expect_current_end(const term_fx *f, const char *today, const char *want)
{
    fc_date_t end = {0, 0, 0};
    char got[FC_DATE_STRLEN];
    cr_assert(current_end(f, today, &end), "no end on %s", today);
    cr_expect_eq(fc_date_cmp(end, D(want)), 0, "on %s: end %s, want %s", today,
                 fc_date_format(end, got), want);
}

static bool has_violation(const fc_report_t *r, const char *field, const char *text)
{
    for (size_t i = 0; i < r->n_violations; i++)
        if (strcmp(r->fields[i], field) == 0 && (!text || strstr(r->descriptions[i], text)))
            return true;
    return false;
}

static void run_check(const term_fx *f, Fcavtal__V1__AgreementKind kind, fc_report_t *r)
{
    memset(r, 0, sizeof *r);
    reg_term_check(&f->term, kind, "agreement.term", r);
}

/* ---------------------------------------------------------- report */

Test(report, collects_and_clears)
{
    fc_report_t r;
    memset(&r, 0, sizeof r);
    cr_assert_eq(fc_report_violation(&r, "a.b", "bad %d", 1), 0);
    cr_assert_eq(fc_report_violation(&r, "a.c", "bad %s", "two"), 0);
    cr_assert_eq(fc_report_warning(&r, "look at %s", "this"), 0);
    cr_assert_eq(r.n_violations, 2);
    cr_assert_str_eq(r.fields[0], "a.b");
    cr_assert_str_eq(r.descriptions[0], "bad 1");
    cr_assert_str_eq(r.fields[1], "a.c");
    cr_assert_str_eq(r.descriptions[1], "bad two");
    cr_assert_eq(r.n_warnings, 1);
    cr_assert_str_eq(r.warnings[0], "look at this");
    fc_report_clear(&r);
    cr_assert_eq(r.n_violations, 0);
    cr_assert_eq(r.n_warnings, 0);
    cr_assert_null(r.fields);
    cr_assert_null(r.warnings);
    fc_report_clear(&r); /* twice is harmless */
}

Test(report, many_entries)
{
    fc_report_t r;
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 100; i++) {
        cr_assert_eq(fc_report_violation(&r, "f", "n=%d", i), 0);
        cr_assert_eq(fc_report_warning(&r, "w=%d", i), 0);
    }
    cr_assert_str_eq(r.descriptions[99], "n=99");
    cr_assert_str_eq(r.warnings[42], "w=42");
    fc_report_clear(&r);
}

/* ---------------------------------------------------------- dates */

Test(date_from_pb, absent_invalid_and_valid)
{
    fc_date_t d;
    Fcavtal__V1__Date pb = FCAVTAL__V1__DATE__INIT;
    cr_assert_not(fc_date_from_pb(NULL, &d));
    cr_assert_not(fc_date_from_pb(&pb, &d));
    pb.year = 2025, pb.month = 2, pb.day = 29;
    cr_assert_not(fc_date_from_pb(&pb, &d));
    pb.month = 13, pb.day = 1;
    cr_assert_not(fc_date_from_pb(&pb, &d));
    pb.year = 2024, pb.month = 2, pb.day = 29;
    cr_assert(fc_date_from_pb(&pb, &d));
    cr_assert_eq(d.year, 2024);
    cr_assert_eq(d.month, 2);
    cr_assert_eq(d.day, 29);
}

/* ---------------------------------------------------------- VG framework */

Test(framework, notice_in_time_ends_at_first_end)
{
    term_fx f;
    fx_vg_framework(&f);
    expect_effective(&f, "2024-06-01", "2025-12-31");
    expect_effective(&f, "2024-03-01", "2025-12-31");
    expect_effective(&f, "2024-12-31", "2025-12-31"); /* the deadline itself */
}

Test(framework, late_notice_applies_to_the_renewed_end)
{
    term_fx f;
    fx_vg_framework(&f);
    expect_effective(&f, "2025-01-10", "2027-12-31");
    expect_effective(&f, "2025-01-01", "2027-12-31");
    expect_effective(&f, "2026-12-31", "2027-12-31");
    expect_effective(&f, "2027-01-01", "2029-12-31");
    expect_effective(&f, "2026-06-01", "2027-12-31");
}

Test(framework, current_end_rolls_forward_past_deadlines)
{
    term_fx f;
    fx_vg_framework(&f);
    expect_current_end(&f, "2024-06-01", "2025-12-31");
    expect_current_end(&f, "2024-12-31", "2025-12-31");
    expect_current_end(&f, "2025-01-01", "2027-12-31");
    expect_current_end(&f, "2026-11-23", "2027-12-31");
    expect_current_end(&f, "2026-12-31", "2027-12-31");
    expect_current_end(&f, "2027-01-01", "2029-12-31");
}

Test(framework, renewal_does_not_drift_on_short_months)
{
    term_fx f;
    fx_init(&f, "2024-01-01", "2025-01-31", 0);
    f.term.renewal_months = 1;
    /* 2025-01-31 + 2 months is 2025-03-31, not 2025-02-28 + 1 month. */
    expect_current_end(&f, "2025-03-01", "2025-03-31");
    expect_effective(&f, "2025-03-01", "2025-03-31");
}

Test(framework, no_warning)
{
    term_fx f;
    fc_report_t r;
    fx_vg_framework(&f);
    run_check(&f, KIND(FRAMEWORK), &r);
    cr_expect_eq(r.n_violations, 0);
    cr_expect_eq(r.n_warnings, 0);
    fc_report_clear(&r);

    fx_init(&f, "2024-01-01", "2030-12-31", 12); /* 7 years, still no warning */
    run_check(&f, KIND(FRAMEWORK), &r);
    cr_expect_eq(r.n_warnings, 0);
    fc_report_clear(&r);
}

/* ---------------------------------------------------------- use-right */

Test(use_right, any_day_in_march_ends_30_september)
{
    term_fx f;
    fx_use_right(&f);
    char day[FC_DATE_STRLEN];
    for (int d = 1; d <= 31; d++) {
        snprintf(day, sizeof day, "2025-03-%02d", d);
        expect_effective(&f, day, "2025-09-30");
    }
    expect_effective(&f, "2025-04-01", "2025-10-31");
    expect_effective(&f, "2025-02-28", "2025-08-31");
}

Test(use_right, has_no_current_end)
{
    term_fx f;
    fc_date_t end;
    fx_use_right(&f);
    cr_assert_not(current_end(&f, "2025-03-01", &end));
}

Test(use_right, no_warning)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2025-06-30", 6);
    f.term.notice_to_month_end = true;
    run_check(&f, KIND(USE_RIGHT), &r);
    cr_expect_eq(r.n_violations, 0);
    cr_expect_eq(r.n_warnings, 0);
    fc_report_clear(&r);
}

/* ---------------------------------------------------------- Örebro */

Test(orebro, annual_window)
{
    term_fx f;
    fx_orebro(&f);
    expect_effective(&f, "2025-06-30", "2025-12-31");
    expect_effective(&f, "2025-07-01", "2026-12-31");
    expect_effective(&f, "2025-01-02", "2025-12-31");
    expect_effective(&f, "2025-12-31", "2026-12-31");
}

Test(orebro, valid_term_without_end)
{
    term_fx f;
    fc_report_t r;
    fc_date_t end;
    fx_orebro(&f);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 0);
    cr_expect_eq(r.n_warnings, 0);
    fc_report_clear(&r);
    cr_assert_not(current_end(&f, "2025-01-01", &end));
}

Test(orebro, impossible_review_dates)
{
    term_fx f;
    fc_report_t r;
    fx_orebro(&f);
    f.review.window_end_month = 2;
    f.review.window_end_day = 30;
    f.review.effect_month = 13;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect(has_violation(&r, "agreement.term.annual_review.window_end_month", NULL));
    cr_expect(has_violation(&r, "agreement.term.annual_review.effect_month", NULL));
    fc_report_clear(&r);
    expect_invalid(&f, "2025-01-10");
}

Test(orebro, leap_day_window_is_clamped)
{
    term_fx f;
    fc_report_t r;
    fx_orebro(&f);
    f.review.window_end_month = 2;
    f.review.window_end_day = 29;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 0);
    fc_report_clear(&r);
    expect_effective(&f, "2025-02-28", "2025-12-31");
    expect_effective(&f, "2025-03-01", "2026-12-31");
}

/* ---------------------------------------------------------- VG local */

Test(local, six_months_notice_never_after_end)
{
    term_fx f;
    fx_init(&f, "2024-01-01", "2027-12-31", 6);
    expect_effective(&f, "2026-08-31", "2027-02-28");
    expect_effective(&f, "2027-10-01", "2027-12-31");
    expect_effective(&f, "2027-06-30", "2027-12-30");
    expect_effective(&f, "2027-12-31", "2027-12-31");
    expect_invalid(&f, "2028-01-01");
    expect_current_end(&f, "2026-08-31", "2027-12-31");
    expect_current_end(&f, "2029-01-01", "2027-12-31");
}

Test(local, until_further_notice_plain)
{
    term_fx f;
    fx_init(&f, "2024-01-01", NULL, 3);
    expect_effective(&f, "2025-01-31", "2025-04-30");
}

Test(local, four_years_no_warning)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2027-12-31", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 0);
    cr_expect_eq(r.n_warnings, 0);
    fc_report_clear(&r);
}

Test(local, three_and_five_years_exactly_no_warning)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2026-12-31", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_warnings, 0, "%s", r.n_warnings ? r.warnings[0] : "");
    fc_report_clear(&r);
    fx_init(&f, "2024-03-15", "2029-03-14", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_warnings, 0, "%s", r.n_warnings ? r.warnings[0] : "");
    fc_report_clear(&r);
}

Test(local, two_years_warns)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2025-12-31", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 0);
    cr_assert_eq(r.n_warnings, 1);
    cr_expect_not_null(strstr(r.warnings[0], "VG §15"), "%s", r.warnings[0]);
    cr_expect_not_null(strstr(r.warnings[0], "is 2 years"), "%s", r.warnings[0]);
    cr_expect_not_null(strstr(r.warnings[0], "shorter"), "%s", r.warnings[0]);
    fc_report_clear(&r);
}

Test(local, six_years_warns)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2029-12-31", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 0);
    cr_assert_eq(r.n_warnings, 1);
    cr_expect_not_null(strstr(r.warnings[0], "VG §15"), "%s", r.warnings[0]);
    cr_expect_not_null(strstr(r.warnings[0], "is 6 years"), "%s", r.warnings[0]);
    cr_expect_not_null(strstr(r.warnings[0], "longer"), "%s", r.warnings[0]);
    fc_report_clear(&r);
}

Test(local, odd_length_is_spelled_out)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2026-03-10", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_assert_eq(r.n_warnings, 1);
    cr_expect_not_null(strstr(r.warnings[0], "2 years, 2 months and 10 days"), "%s",
                       r.warnings[0]);
    fc_report_clear(&r);
}

/* ---------------------------------------------------------- errors */

Test(errors, end_before_start)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2025-01-01", "2024-01-01", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect(has_violation(&r, "agreement.term.end", "end 2024-01-01 is before start 2025-01-01"));
    cr_expect_eq(r.n_warnings, 0);
    fc_report_clear(&r);
    expect_invalid(&f, "2025-02-01");
}

Test(errors, missing_end_without_until_further_notice)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", NULL, 6);
    f.term.until_further_notice = false;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 1);
    cr_expect(has_violation(&r, "agreement.term.end", "required"));
    fc_report_clear(&r);
    expect_invalid(&f, "2025-02-01");
}

Test(errors, end_given_with_until_further_notice)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2027-12-31", 6);
    f.term.until_further_notice = true;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect(has_violation(&r, "agreement.term.end", "until further notice"));
    fc_report_clear(&r);
}

Test(errors, negative_months)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2027-12-31", -1);
    f.term.renewal_months = -2;
    f.term.extension_option_months = -3;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 3);
    cr_expect(has_violation(&r, "agreement.term.notice_months", "-1"));
    cr_expect(has_violation(&r, "agreement.term.renewal_months", "-2"));
    cr_expect(has_violation(&r, "agreement.term.extension_option_months", "-3"));
    fc_report_clear(&r);
    expect_invalid(&f, "2025-02-01");
}

Test(errors, received_before_start)
{
    term_fx f;
    fx_vg_framework(&f);
    expect_invalid(&f, "2024-02-29");
    fx_use_right(&f);
    expect_invalid(&f, "2023-12-31");
    fx_orebro(&f);
    expect_invalid(&f, "2018-09-20");
}

Test(errors, missing_or_invalid_start)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, NULL, "2027-12-31", 6);
    run_check(&f, KIND(LOCAL), &r);
    cr_expect(has_violation(&r, "agreement.term.start", "required"));
    fc_report_clear(&r);
    expect_invalid(&f, "2025-02-01");

    fx_init(&f, "2024-01-01", "2027-12-31", 6);
    f.start.month = 2, f.start.day = 30;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect(has_violation(&r, "agreement.term.start", "not a valid date"));
    fc_report_clear(&r);
}

Test(errors, null_arguments)
{
    fc_report_t r;
    fc_term_t t;
    memset(&r, 0, sizeof r);
    reg_term_check(NULL, KIND(LOCAL), "agreement.term", &r);
    cr_expect(has_violation(&r, "agreement.term", NULL));
    fc_report_clear(&r);
    cr_expect_not(fc_term_from_pb(NULL, &t));
}

/* ---------------------------------------------------------- bounds */

Test(bounds, month_counts_beyond_ten_years_name_their_field)
{
    term_fx f;
    fc_report_t r;
    fx_init(&f, "2024-01-01", "2027-12-31", 121);
    f.term.renewal_months = 2147483647;
    f.term.extension_option_months = 600;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect_eq(r.n_violations, 3);
    cr_expect(has_violation(&r, "agreement.term.notice_months", "121 is more than the 120 months"));
    cr_expect(has_violation(&r, "agreement.term.renewal_months", "2147483647"));
    cr_expect(has_violation(&r, "agreement.term.extension_option_months", "600"));
    fc_report_clear(&r);
    expect_invalid(&f, "2025-01-01");
}

Test(bounds, contradictory_clauses_are_refused)
{
    term_fx f;
    fc_report_t r;
    fx_orebro(&f);
    f.term.notice_to_month_end = true;
    f.term.renewal_months = 24;
    run_check(&f, KIND(LOCAL), &r);
    cr_expect(has_violation(&r, "agreement.term.notice_to_month_end", "annual review"));
    cr_expect(has_violation(&r, "agreement.term.renewal_months", "no end to renew"));
    fc_report_clear(&r);

    fx_vg_framework(&f);
    f.term.notice_months = 30;
    run_check(&f, KIND(FRAMEWORK), &r);
    cr_expect(has_violation(&r, "agreement.term.notice_months", "could never be given in time"));
    fc_report_clear(&r);
}

/* ---------------------------------------------------------- conversion */

Test(conversion, every_field_reaches_the_domain)
{
    term_fx f;
    fc_term_t t;
    fx_orebro(&f);
    cr_assert(fc_term_from_pb(&f.term, &t));
    cr_expect(t.until_further_notice);
    cr_expect(t.has_annual_review);
    cr_expect_eq(t.annual_review.window_end_month, 6);
    cr_expect_eq(t.annual_review.window_end_day, 30);
    cr_expect_eq(t.annual_review.effect_month, 12);
    cr_expect_eq(t.annual_review.effect_day, 31);
    fx_init(&f, "2024-01-01", "2027-12-31", 6);
    f.term.renewal_months = 24;
    f.term.extension_option_months = 12;
    f.term.notice_to_month_end = true;
    cr_assert(fc_term_from_pb(&f.term, &t));
    cr_expect_not(t.until_further_notice);
    cr_expect_not(t.has_annual_review, "an all-zero review is no review");
    cr_expect_eq(fc_date_cmp(t.end, D("2027-12-31")), 0);
    cr_expect_eq(fc_date_cmp(t.start, D("2024-01-01")), 0);
    cr_expect_eq(t.renewal_months, 24);
    cr_expect_eq(t.notice_months, 6);
    cr_expect_eq(t.extension_option_months, 12);
    cr_expect(t.notice_to_month_end);
    fx_init(&f, NULL, "2027-12-31", 6);
    cr_expect_not(fc_term_from_pb(&f.term, &t), "no start");
}

Test(conversion, reasons_go_on_the_wire)
{
    fc_reason_t why;
    fc_reason_set(&why, FC_RULE_AUTO_RENEWAL, FC_SOURCE_VG4, "extended to %s (VG §4)",
                  "2027-12-31");
    Fcavtal__V1__Reason *r = reg_reason_new(&why);
    cr_assert_not_null(r);
    cr_expect_str_eq(r->rule, "vg4.auto_renewal");
    cr_expect_str_eq(r->source, "VG §4");
    cr_expect_str_eq(r->text, "extended to 2027-12-31 (VG §4)");
    fcavtal__v1__reason__free_unpacked(r, NULL);
}
