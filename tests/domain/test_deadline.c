/* The deadline engine on the sources' worked examples: which days come out,
 * the safe day to act on each and why it moved, the rule, who acts, and the
 * key a reminder is sent under. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fcavtal/deadline.h"

static fc_date_t D(const char *text)
{
    fc_date_t d;
    cr_assert_eq(fc_date_parse(text, &d), 0, "bad test date %s", text);
    return d;
}

static fc_term_t term(const char *start, const char *end, int notice)
{
    fc_term_t t = {.start = D(start), .notice_months = notice};
    if (end)
        t.end = D(end);
    else
        t.until_further_notice = true;
    return t;
}

static const fc_party_t PARTIES[] = {{1, 0}, {2, 0}};

static fc_agreement_t agreement(uint64_t id, fc_agreement_kind_t kind, fc_term_t t)
{
    return (fc_agreement_t){.id = id, .kind = kind, .state = FC_AGREEMENT_ACTIVE, .term = t,
                            .title = "test", .parties = PARTIES, .n_parties = 2};
}

/* VG §4: 2024-03-01 - 2025-12-31, 12 months' notice, 2-year renewal. */
static fc_agreement_t vg_framework(void)
{
    fc_term_t t = term("2024-03-01", "2025-12-31", 12);
    t.renewal_months = 24;
    return agreement(1, FC_AGREEMENT_FRAMEWORK, t);
}

/* Bilaga 1 §2: a VG local agreement, six months' notice, ending on the 31st. */
static fc_agreement_t vg_local(void)
{
    fc_agreement_t a = agreement(2, FC_AGREEMENT_LOCAL, term("2023-09-01", "2026-08-31", 6));
    a.centre_id = 7;
    return a;
}

/* Örebro, Giltighet: until further notice, window 30 June, effect 31 Dec. */
static fc_agreement_t orebro_local(void)
{
    fc_term_t t = term("2019-01-01", NULL, 0);
    t.has_annual_review = true;
    t.annual_review = (fc_annual_review_t){6, 30, 12, 31};
    fc_agreement_t a = agreement(3, FC_AGREEMENT_LOCAL, t);
    a.centre_id = 9;
    return a;
}

/* Bilaga 2 §3: a use-right until further notice, six months to month end. */
static fc_agreement_t use_right(void)
{
    fc_term_t t = term("2024-01-01", NULL, 6);
    t.notice_to_month_end = true;
    fc_agreement_t a = agreement(4, FC_AGREEMENT_USE_RIGHT, t);
    a.centre_id = 7;
    return a;
}

static fc_agreement_t with_notice(fc_agreement_t a, const char *received)
{
    a.state = FC_AGREEMENT_UNDER_NOTICE;
    a.notice = (fc_notice_t){.given = true, .received = D(received), .from_organisation_id = 2};
    return a;
}

static const fc_deadline_policy_t TERM_ONLY = {.centre_deadlines = false, 1, 31, 3, 31};

/* One expected deadline: kind, nominal date, safe day. */
typedef struct {
    fc_deadline_kind_t kind;
    const char *date, *safe;
} want_t;

typedef struct {
    const char *name;
    fc_agreement_t (*make)(void);
    const char *from, *until;
    const fc_deadline_policy_t *policy;
    want_t want[12];
    size_t n;
} row_t;

static fc_agreement_t framework_noticed_in_time(void)
{
    return with_notice(vg_framework(), "2024-11-02");
}

static fc_agreement_t framework_noticed_late(void)
{
    return with_notice(vg_framework(), "2025-03-01");
}

static fc_agreement_t local_with_option(void)
{
    fc_agreement_t a = vg_local();
    a.term.extension_option_months = 24;
    return a;
}

static fc_agreement_t orebro_noticed_in_july(void)
{
    return with_notice(orebro_local(), "2025-07-01");
}

static fc_agreement_t use_right_noticed_in_march(void)
{
    return with_notice(use_right(), "2025-03-14");
}

static fc_agreement_t local_terminated(void)
{
    fc_agreement_t a = vg_local();
    a.state = FC_AGREEMENT_TERMINATED;
    a.has_effective_end = true;
    a.effective_end = D("2025-06-30");
    return a;
}

static fc_agreement_t framework_draft(void)
{
    fc_agreement_t a = vg_framework();
    a.state = FC_AGREEMENT_DRAFT;
    return a;
}

#define N(...) {__VA_ARGS__}, sizeof((want_t[]){__VA_ARGS__}) / sizeof(want_t)
#define W(kind, date, safe) {FC_DEADLINE_##kind, date, safe}

static const row_t ROWS[] = {
    {"VG framework: 2024-12-31 (nyårsafton), then every 2 years", vg_framework, "2024-01-01",
     "2029-12-31", &TERM_ONLY,
     N(W(NOTICE, "2024-12-31", "2024-12-30"), W(NOTICE, "2026-12-31", "2026-12-30"),
       W(NOTICE, "2028-12-31", "2028-12-29"))},
    {"VG framework rolls on forever: a window far ahead", vg_framework, "2100-01-01",
     "2103-12-31", &TERM_ONLY,
     N(W(NOTICE, "2100-12-31", "2100-12-30"), W(NOTICE, "2102-12-31", "2102-12-29"))},
    {"VG framework, notice in time: the deadline goes, the end and hand-over come",
     framework_noticed_in_time, "2024-01-01", "2030-12-31", &TERM_ONLY,
     N(W(END, "2025-12-31", "2025-12-30"), W(HANDOVER, "2025-12-31", "2025-12-30"))},
    {"VG framework, late notice: the passed deadline stays, the renewed end comes",
     framework_noticed_late, "2024-01-01", "2030-12-31", &TERM_ONLY,
     N(W(NOTICE, "2024-12-31", "2024-12-30"), W(END, "2027-12-31", "2027-12-30"),
       W(HANDOVER, "2027-12-31", "2027-12-30"))},
    {"VG local: six months before 2026-08-31 is 2026-02-28, a Saturday", vg_local,
     "2025-01-01", "2027-12-31", &TERM_ONLY,
     N(W(NOTICE, "2026-02-28", "2026-02-27"), W(END, "2026-08-31", "2026-08-31"))},
    {"VG local with an extension option: decided by the notice day", local_with_option,
     "2025-01-01", "2027-12-31", &TERM_ONLY,
     N(W(NOTICE, "2026-02-28", "2026-02-27"), W(EXTENSION_DECISION, "2026-02-28", "2026-02-27"),
       W(END, "2026-08-31", "2026-08-31"))},
    {"Örebro: the window closes 30 June every year", orebro_local, "2025-01-01", "2027-12-31",
     &TERM_ONLY,
     N(W(ANNUAL_REVIEW, "2025-06-30", "2025-06-30"), W(ANNUAL_REVIEW, "2026-06-30", "2026-06-30"),
       W(ANNUAL_REVIEW, "2027-06-30", "2027-06-30"))},
    {"Örebro, notice in July: the end of the next year, no later windows",
     orebro_noticed_in_july, "2025-01-01", "2027-12-31", &TERM_ONLY,
     N(W(ANNUAL_REVIEW, "2025-06-30", "2025-06-30"), W(END, "2026-12-31", "2026-12-30"),
       W(HANDOVER, "2026-12-31", "2026-12-30"))},
    {"use-right: nothing is due until notice", use_right, "2024-01-01", "2030-12-31",
     &TERM_ONLY, N(W(END, "", ""))},
    {"use-right, notice in March 2025: ends 30 September 2025", use_right_noticed_in_march,
     "2024-01-01", "2030-12-31", &TERM_ONLY,
     N(W(END, "2025-09-30", "2025-09-30"), W(HANDOVER, "2025-09-30", "2025-09-30"))},
    {"terminated: its day and the hand-over, nothing else", local_terminated, "2024-01-01",
     "2030-12-31", &TERM_ONLY,
     N(W(END, "2025-06-30", "2025-06-30"), W(HANDOVER, "2025-06-30", "2025-06-30"))},
    {"a draft binds nobody", framework_draft, "2024-01-01", "2030-12-31", &TERM_ONLY,
     N(W(END, "", ""))},
    {"VG local with the centre's plan and report (default policy)", vg_local, "2026-01-01",
     "2027-12-31", NULL,
     N(W(BUSINESS_PLAN, "2026-01-31", "2026-01-30"), W(NOTICE, "2026-02-28", "2026-02-27"),
       W(ANNUAL_REPORT, "2026-03-31", "2026-03-31"), W(END, "2026-08-31", "2026-08-31"),
       W(ANNUAL_REPORT, "2027-03-31", "2027-03-31"))},
};

static fc_deadline_list_t *run(const fc_agreement_t *a, const char *from, const char *until,
                               const fc_deadline_policy_t *policy)
{
    fc_deadline_list_t *list = fc_deadline_list_new(0);
    cr_assert_not_null(list);
    fc_reason_t why = {.text = ""};
    fc_status_t st = fc_deadlines(a, D(from), D(until), policy, list, &why);
    cr_assert_eq(st, FC_OK, "status %d: %s", st, why.text);
    return list;
}

Test(examples, table)
{
    for (size_t r = 0; r < sizeof ROWS / sizeof ROWS[0]; r++) {
        const row_t *row = &ROWS[r];
        fc_agreement_t a = row->make();
        fc_deadline_list_t *list = run(&a, row->from, row->until, row->policy);
        /* A single row with an empty date means: expect none. */
        size_t n = row->n == 1 && !*row->want[0].date ? 0 : row->n;
        cr_expect_eq(list->n, n, "%s: %zu deadlines, want %zu", row->name, list->n, n);
        for (size_t i = 0; i < n && i < list->n; i++) {
            const fc_deadline_t *d = &list->items[i];
            char date[FC_DATE_STRLEN], safe[FC_DATE_STRLEN];
            fc_date_format(d->date, date);
            fc_date_format(d->safe_day, safe);
            cr_expect_eq(d->kind, row->want[i].kind, "%s [%zu]: kind %s", row->name, i,
                         fc_deadline_kind_name(d->kind));
            cr_expect_str_eq(date, row->want[i].date, "%s [%zu]", row->name, i);
            cr_expect_str_eq(safe, row->want[i].safe, "%s [%zu]", row->name, i);
            cr_expect_eq(d->agreement_id, a.id);
            cr_expect_eq(d->centre_id, a.centre_id);
        }
        fc_deadline_list_destroy(&list);
        cr_expect_null(list);
    }
}

static const fc_deadline_t *find(const fc_deadline_list_t *list, fc_deadline_kind_t kind,
                                 const char *date)
{
    char buf[FC_DATE_STRLEN];
    for (size_t i = 0; i < list->n; i++)
        if (list->items[i].kind == kind &&
            strcmp(fc_date_format(list->items[i].date, buf), date) == 0)
            return &list->items[i];
    cr_assert_fail("no %s deadline on %s", fc_deadline_kind_name(kind), date);
    return NULL;
}

/* ---------------------------------------------------------- what each carries */

Test(carries, the_vg_framework_deadline)
{
    fc_agreement_t a = vg_framework();
    fc_deadline_list_t *list = run(&a, "2024-01-01", "2027-12-31", &TERM_ONLY);
    const fc_deadline_t *d = find(list, FC_DEADLINE_NOTICE, "2024-12-31");
    cr_expect_str_eq(d->moved, "2024-12-31 is nyårsafton (New Year's Eve), so send by Monday "
                               "2024-12-30");
    cr_expect_str_eq(d->rule.rule, "vg4.auto_renewal");
    cr_expect_str_eq(d->rule.source, "VG §4");
    cr_expect_str_eq(d->rule.text, "last day to give written notice so that the agreement ends "
                                   "2025-12-31 (12 months before the end); without it the term "
                                   "is extended automatically by 2 years to 2027-12-31 (VG §4)");
    cr_expect_eq(d->actors, FC_ACTORS_ANY_PARTY);
    cr_expect_str_eq(fc_actors_name(d->actors), "any_party");
    cr_expect_eq(d->cycle, 0);
    cr_expect_str_eq(d->key, "agreement/1/notice/2024-12-31");
    d = find(list, FC_DEADLINE_NOTICE, "2026-12-31");
    cr_expect_eq(d->cycle, 1);
    cr_expect(strstr(d->rule.text, "ends 2027-12-31"), "%s", d->rule.text);
    fc_deadline_list_destroy(&list);
}

Test(carries, weekend_moves_are_explained)
{
    fc_agreement_t a = vg_local();
    fc_deadline_list_t *list = run(&a, "2026-01-01", "2026-12-31", NULL);
    const fc_deadline_t *d = find(list, FC_DEADLINE_NOTICE, "2026-02-28");
    cr_expect_str_eq(d->moved, "2026-02-28 is a Saturday, so send by Friday 2026-02-27");
    cr_expect_str_eq(d->rule.rule, "bilaga1_2.notice_period");
    cr_expect(strstr(d->rule.text, "6 months' written notice before the term ends 2026-08-31"),
              "%s", d->rule.text);
    cr_expect(strstr(d->rule.text, "(Bilaga 1 §2)"), "%s", d->rule.text);
    d = find(list, FC_DEADLINE_END, "2026-08-31");
    cr_expect_str_eq(d->moved, "", "a Monday is a working day");
    cr_expect_eq(d->actors, FC_ACTORS_ALL_PARTIES);
    d = find(list, FC_DEADLINE_BUSINESS_PLAN, "2026-01-31");
    cr_expect_str_eq(d->moved, "2026-01-31 is a Saturday, so submit by Friday 2026-01-30");
    cr_expect_eq(d->actors, FC_ACTORS_STEERING_GROUP);
    cr_expect_str_eq(d->key, "centre/7/business_plan/2026");
    cr_expect(strstr(d->rule.text, "VG §11.1, §12"), "%s", d->rule.text);
    d = find(list, FC_DEADLINE_ANNUAL_REPORT, "2026-03-31");
    cr_expect_eq(d->actors, FC_ACTORS_COORDINATOR);
    cr_expect_eq(d->cycle, 2025, "the report is on the year before");
    cr_expect_str_eq(d->key, "centre/7/annual_report/2025");
    fc_deadline_list_destroy(&list);
}

Test(carries, the_orebro_window_and_the_hand_over)
{
    fc_agreement_t a = orebro_local();
    fc_deadline_list_t *list = run(&a, "2025-01-01", "2025-12-31", &TERM_ONLY);
    const fc_deadline_t *d = find(list, FC_DEADLINE_ANNUAL_REVIEW, "2025-06-30");
    cr_expect_eq(d->actors, FC_ACTORS_EACH_PRINCIPAL);
    cr_expect_eq(d->cycle, 2025);
    cr_expect_str_eq(d->rule.source, "Örebro, Giltighet");
    cr_expect(strstr(d->rule.text, "takes effect 2025-12-31"), "%s", d->rule.text);
    fc_deadline_list_destroy(&list);

    a = orebro_noticed_in_july();
    list = run(&a, "2025-01-01", "2027-12-31", &TERM_ONLY);
    d = find(list, FC_DEADLINE_HANDOVER, "2026-12-31");
    cr_expect(strstr(d->rule.text, "ansvaret kvarstår året ut"), "%s", d->rule.text);
    cr_expect_str_eq(d->moved, "2026-12-31 is nyårsafton (New Year's Eve), so the last working "
                               "day before it is Wednesday 2026-12-30");
    d = find(list, FC_DEADLINE_END, "2026-12-31");
    cr_expect(strstr(d->rule.text, "after 30 June, takes effect at the end of the next year"),
              "%s", d->rule.text);
    fc_deadline_list_destroy(&list);
}

Test(carries, the_end_under_notice_says_why)
{
    fc_agreement_t a = use_right_noticed_in_march();
    fc_deadline_list_t *list = run(&a, "2024-01-01", "2030-12-31", &TERM_ONLY);
    const fc_deadline_t *d = find(list, FC_DEADLINE_END, "2025-09-30");
    cr_expect_str_eq(d->rule.rule, "bilaga2_3.month_end_notice");
    cr_expect_str_eq(d->key, "agreement/4/end/2025-09-30");
    d = find(list, FC_DEADLINE_HANDOVER, "2025-09-30");
    cr_expect_str_eq(d->key, "agreement/4/handover/2025-09-30");
    fc_deadline_list_destroy(&list);
}

/* ---------------------------------------------------------- notice and end */

Test(end_in_force, follows_the_lifecycle)
{
    fc_date_t end;
    bool has;
    fc_reason_t why;
    char buf[FC_DATE_STRLEN];
    fc_agreement_t a = vg_framework();
    cr_assert_eq(fc_agreement_end_in_force(&a, D("2025-01-01"), &has, &end, &why), FC_OK);
    cr_expect_str_eq(fc_date_format(end, buf), "2027-12-31", "without notice it renews");

    a = framework_noticed_in_time();
    cr_assert_eq(fc_agreement_end_in_force(&a, D("2027-06-01"), &has, &end, &why), FC_OK);
    cr_expect_str_eq(fc_date_format(end, buf), "2025-12-31");
    cr_expect_str_eq(why.text, "notice received 2024-11-02 takes effect at the end of the term "
                               "(VG §4)");

    /* A recorded effective date stands even when it differs from the term's. */
    a.notice.effective = D("2026-03-31");
    cr_assert_eq(fc_agreement_end_in_force(&a, D("2025-06-01"), &has, &end, &why), FC_OK);
    cr_expect_str_eq(fc_date_format(end, buf), "2026-03-31");
    cr_expect(strstr(why.text, "as recorded"), "%s", why.text);

    /* An effective_end outside TERMINATED/EXPIRED is not trusted. */
    a = vg_framework();
    a.has_effective_end = true;
    a.effective_end = D("2024-06-30");
    cr_assert_eq(fc_agreement_end_in_force(&a, D("2025-06-01"), &has, &end, &why), FC_OK);
    cr_expect_str_eq(fc_date_format(end, buf), "2027-12-31");

    a = local_terminated();
    cr_assert_eq(fc_agreement_end_in_force(&a, D("2025-01-01"), &has, &end, &why), FC_OK);
    cr_expect_str_eq(fc_date_format(end, buf), "2025-06-30");
    cr_expect_str_eq(why.rule, "agreement.terminated");
    a.state = FC_AGREEMENT_EXPIRED;
    cr_assert_eq(fc_agreement_end_in_force(&a, D("2026-01-01"), &has, &end, &why), FC_OK);
    cr_expect_str_eq(why.rule, "agreement.expired");
    cr_expect_str_eq(why.text, "expired: it ran until 2025-06-30 (the agreement's record)");

    a = orebro_local();
    cr_assert_eq(fc_agreement_end_in_force(&a, D("2025-01-01"), &has, &end, &why), FC_OK);
    cr_expect_not(has);
}

/* ---------------------------------------------------------- lists */

Test(lists, centre_deadlines_appear_once_per_centre)
{
    fc_agreement_t first = vg_local(), second = vg_local();
    second.id = 12;
    second.term = term("2026-09-01", "2030-08-31", 6);
    fc_deadline_list_t *list = fc_deadline_list_new(0);
    cr_assert_eq(fc_deadlines(&second, D("2026-01-01"), D("2027-12-31"), NULL, list, NULL), FC_OK);
    cr_assert_eq(fc_deadlines(&first, D("2026-01-01"), D("2027-12-31"), NULL, list, NULL), FC_OK);
    fc_deadline_list_sort(list);
    size_t reports_2026 = 0;
    for (size_t i = 0; i < list->n; i++) {
        if (i)
            cr_expect_leq(fc_date_cmp(list->items[i - 1].date, list->items[i].date), 0);
        if (strcmp(list->items[i].key, "centre/7/annual_report/2026") == 0) {
            reports_2026++;
            cr_expect_eq(list->items[i].agreement_id, 2, "the lower id stays");
        }
    }
    cr_expect_eq(reports_2026, 1);
    fc_deadline_list_destroy(&list);
}

Test(lists, a_window_too_large_is_refused_and_changes_nothing)
{
    fc_term_t t = term("2024-01-01", "2024-12-31", 0);
    t.renewal_months = 1;
    fc_agreement_t a = agreement(5, FC_AGREEMENT_FRAMEWORK, t);
    fc_deadline_list_t *list = fc_deadline_list_new(1000);
    cr_assert_eq(fc_deadlines(&a, D("2025-01-01"), D("2025-12-31"), NULL, list, NULL), FC_OK);
    cr_assert_eq(list->n, 12);
    fc_reason_t why;
    cr_expect_eq(fc_deadlines(&a, D("0001-01-01"), D("9999-12-31"), NULL, list, &why),
                 FC_OUT_OF_RANGE);
    cr_expect(strstr(why.text, "more than 1000 deadlines"), "%s", why.text);
    cr_expect_eq(list->n, 12, "the list is as it was");
    fc_deadline_list_destroy(&list);
    fc_deadline_list_destroy(&list); /* twice is harmless */
}

Test(lists, bad_input_is_refused)
{
    fc_deadline_list_t *list = fc_deadline_list_new(0);
    fc_agreement_t a = vg_framework();
    fc_reason_t why;
    cr_expect_eq(fc_deadlines(&a, D("2025-01-01"), D("2024-01-01"), NULL, list, &why),
                 FC_INVALID_ARGUMENT);
    fc_deadline_policy_t bad = fc_deadline_policy_default();
    bad.plan_day = 30, bad.plan_month = 2;
    cr_expect_eq(fc_deadlines(&a, D("2024-01-01"), D("2025-01-01"), &bad, list, &why),
                 FC_INVALID_ARGUMENT);
    a.state = FC_AGREEMENT_UNDER_NOTICE;
    cr_expect_eq(fc_deadlines(&a, D("2024-01-01"), D("2025-01-01"), NULL, list, &why),
                 FC_INVALID_ARGUMENT);
    cr_expect(strstr(why.text, "no notice"), "%s", why.text);
    a = local_terminated();
    a.has_effective_end = false;
    cr_expect_eq(fc_deadlines(&a, D("2024-01-01"), D("2025-01-01"), NULL, list, &why),
                 FC_INVALID_ARGUMENT);
    a = vg_framework();
    a.term.notice_months = 500;
    cr_expect_eq(fc_deadlines(&a, D("2024-01-01"), D("2025-01-01"), NULL, list, &why),
                 FC_INVALID_ARGUMENT);
    cr_expect(strstr(why.text, "notice_months"), "%s", why.text);
    cr_expect_eq(list->n, 0);
    cr_expect_eq(fc_deadlines(NULL, D("2024-01-01"), D("2025-01-01"), NULL, list, NULL),
                 FC_INVALID_ARGUMENT);
    fc_deadline_list_destroy(&list);
}

Test(lists, kind_names_are_stable)
{
    static const char *const names[] = {"notice", "extension_decision", "annual_review", "end",
                                        "handover", "business_plan", "annual_report"};
    for (int k = FC_DEADLINE_NOTICE; k <= FC_DEADLINE_ANNUAL_REPORT; k++) {
        fc_deadline_kind_t back;
        cr_expect_str_eq(fc_deadline_kind_name((fc_deadline_kind_t)k), names[k]);
        cr_expect(fc_deadline_kind_parse(names[k], &back));
        cr_expect_eq(back, k);
    }
    cr_expect_not(fc_deadline_kind_parse("renewal", NULL));
    cr_expect_str_eq(fc_deadline_kind_name((fc_deadline_kind_t)42), "unknown");
}

/* A monthly renewal asked about in year 9999 starts at the right cycle in
 * closed form: 20000 such windows take milliseconds, not a walk over 96000
 * cycles each. */
Test(lists, far_windows_start_at_once, .timeout = 20)
{
    fc_term_t t = term("2024-01-01", "2024-12-31", 0);
    t.renewal_months = 1;
    fc_agreement_t a = agreement(6, FC_AGREEMENT_FRAMEWORK, t);
    fc_deadline_list_t *list = fc_deadline_list_new(0);
    for (int i = 0; i < 20000; i++) {
        list->n = 0;
        cr_assert_eq(fc_deadlines(&a, D("9999-11-01"), D("9999-12-31"), &TERM_ONLY, list, NULL),
                     FC_OK);
        cr_assert_eq(list->n, 2);
    }
    char buf[FC_DATE_STRLEN];
    cr_expect_str_eq(fc_date_format(list->items[1].date, buf), "9999-12-31");
    cr_expect_eq(list->items[1].cycle, (9999 - 2024) * 12);
    fc_deadline_list_destroy(&list);
}
