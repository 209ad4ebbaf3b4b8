/* The worked examples of the deadline rules (issue 7 §5, docs/domain.md §7,
 * §9) end to end: agreements put and signed in the real registry, followed
 * by the real fcavtal-notify, read back with list_deadlines. */
#include <criterion/criterion.h>
#include <string.h>

#include "notify_harness.h"

static nh_t H;

static void teardown(void)
{
    nh_cleanup(&H);
}

TestSuite(worked_examples, .fini = teardown, .timeout = 120);

static const Fcavtal__V1__Deadline *expect(nh_rep_t *rep, const char *kind, const char *date,
                                           const char *safe)
{
    cr_assert_eq(tc_code(&rep->base), 0, "list_deadlines: %s", tc_message(&rep->base));
    const Fcavtal__V1__Deadline *d = nh_find(rep, kind, date);
    cr_assert_not_null(d, "a %s deadline on %s", kind, date);
    cr_assert(nh_date_is(d->safe_day, safe), "%s %s: safe day %04d-%02d-%02d, expected %s", kind,
              date, d->safe_day->year, d->safe_day->month, d->safe_day->day, safe);
    return d;
}

Test(worked_examples, vg_framework_new_years_eve_and_renewal)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    cr_assert_eq(nh_activate(&H, w.framework, "2024-05-01"), 0);
    cr_assert(nh_settled(&H, 10000), "notify followed the registry");

    nh_rep_t *rep = nh_deadlines(&H, "2024-06-01", "2027-06-30", "notice", w.framework, 0, 0,
                                 false);
    const Fcavtal__V1__Deadline *d = expect(rep, "notice", "2024-12-31", "2024-12-30");
    cr_assert(strstr(d->moved, "nyårsafton"), "moved names the holiday: %s", d->moved);
    cr_assert_str_eq(d->rule->source, "VG §4");
    cr_assert(strstr(d->rule->text, "12 months"), "%s", d->rule->text);
    cr_assert_str_eq(d->actors, "any_party");
    cr_assert_eq(d->n_parties, 2, "both principals must be told");
    cr_assert(d->parties[0]->name && *d->parties[0]->name, "party names come from the registry");
    cr_assert_eq(d->n_plan, 5, "five lead times by default");
    nh_free(rep);

    /* No notice: on 2025-01-01 the term has rolled on to 2027-12-31. */
    cr_assert_eq(nh_set_today(&H, "2025-01-01"), 0);
    rc_rep_t *a = rc_get(&H.reg, RC_BODY(GET_AGREEMENT), w.framework);
    cr_assert(rc_date_is(a->agreement->current_end, "2027-12-31"), "the registry renewed it");
    rc_free(a);
    rep = nh_deadlines(&H, "2025-01-01", "2027-12-31", "notice", w.framework, 0, 0, false);
    cr_assert_eq(tc_code(&rep->base), 0);
    cr_assert_geq(rep->deadlines->n_items, 1);
    cr_assert(nh_date_is(rep->deadlines->items[0]->date, "2026-12-31"),
              "the next deadline is 2026-12-31");
    expect(rep, "notice", "2026-12-31", "2026-12-30");
    nh_free(rep);
}

/* ------------------------------------------------------------ helpers */

typedef struct {
    int extension_option_months;
    bool annual_review;          /* Örebro: window 30 June, effect 31 December */
    bool notice_to_month_end;    /* Bilaga 2 §3 */
} term_extra_t;

static uint64_t put_agreement(const rc_agreement_t *spec, term_extra_t extra)
{
    rc_agreement_store_t store;
    Fcavtal__V1__Agreement *a = rc_agreement_build(&store, spec);
    Fcavtal__V1__AnnualReview ar = FCAVTAL__V1__ANNUAL_REVIEW__INIT;
    store.term.extension_option_months = extra.extension_option_months;
    store.term.notice_to_month_end = extra.notice_to_month_end;
    if (extra.annual_review) {
        ar.window_end_month = 6, ar.window_end_day = 30, ar.effect_month = 12, ar.effect_day = 31;
        store.term.annual_review = &ar;
    }
    Fcavtal__V1__PutAgreement put = FCAVTAL__V1__PUT_AGREEMENT__INIT;
    put.agreement = a;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_AGREEMENT);
    req.put_agreement = &put;
    rc_rep_t *rep = rc_call(&H.reg, &req);
    cr_assert_eq(rc_code(rep), 0, "put_agreement: %s", rc_describe(rep));
    uint64_t id = rep->agreement->id;
    rc_free(rep);
    return id;
}

static void record_notice(uint64_t agreement, uint64_t from_org, const char *received)
{
    rc_rep_t *rep = rc_record_notice(&H.reg, agreement, from_org, received);
    cr_assert_eq(rc_code(rep), 0, "record_notice: %s", rc_describe(rep));
    rc_free(rep);
    cr_assert(nh_settled(&H, 10000));
}

static const Fcavtal__V1__Deadline *expect_cancelled(nh_rep_t *rep, const char *kind,
                                                     const char *date)
{
    const Fcavtal__V1__Deadline *d = nh_find(rep, kind, date);
    cr_assert_not_null(d, "the %s deadline on %s is still listed (cancelled)", kind, date);
    cr_assert_eq(d->state, FCAVTAL__V1__DEADLINE_STATE__DEADLINE_STATE_CANCELLED,
                 "%s %s is cancelled", kind, date);
    cr_assert(d->cancelled_reason && *d->cancelled_reason, "with a reason");
    return d;
}

/* ------------------------------------------------------------ local (Bilaga 1 §2) */

Test(worked_examples, vg_local_six_months_notice_with_month_end_clamping)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&w, parties);
    spec.start = "2023-03-01";
    spec.end = "2026-08-31";
    uint64_t id = put_agreement(&spec, (term_extra_t){.extension_option_months = 24});
    cr_assert_eq(nh_activate(&H, id, "2024-05-02"), 0);
    cr_assert(nh_settled(&H, 10000));

    /* 2026-08-31 - 6 months = 2026-02-28 (clamped), a Saturday. */
    nh_rep_t *rep = nh_deadlines(&H, "2024-06-01", "2027-12-31", NULL, id, 0, 0, false);
    const Fcavtal__V1__Deadline *n = expect(rep, "notice", "2026-02-28", "2026-02-27");
    cr_assert_str_eq(n->rule->source, "Bilaga 1 §2");
    cr_assert(strstr(n->moved, "Saturday"), "%s", n->moved);
    const Fcavtal__V1__Deadline *x = expect(rep, "extension_decision", "2026-02-28", "2026-02-27");
    cr_assert_str_eq(x->actors, "all_parties", "every party decides an extension");
    expect(rep, "end", "2026-08-31", "2026-08-31");
    cr_assert_eq(n->n_parties, 4, "the four operations' parties");
    nh_free(rep);

    /* Notice received 2025-08-31 takes effect 2026-02-28: the term's own
     * deadlines are moot, the end and hand-over come first. */
    record_notice(id, w.muni, "2025-08-31");
    rep = nh_deadlines(&H, "2024-06-01", "2027-12-31", NULL, id, 0, 0, true);
    expect(rep, "end", "2026-02-28", "2026-02-27");
    expect(rep, "handover", "2026-02-28", "2026-02-27");
    expect_cancelled(rep, "end", "2026-08-31");
    const Fcavtal__V1__Deadline *c = expect_cancelled(rep, "notice", "2026-02-28");
    cr_assert(strstr(c->cancelled_reason, "2025-08-31"), "the reason names the notice: %s",
              c->cancelled_reason);
    nh_free(rep);
}

/* ------------------------------------------------------------ Örebro */

Test(worked_examples, orebro_annual_window)
{
    cr_assert_eq(nh_start(&H, "2024-06-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    rc_party_t parties[2] = {{w.region, 0}, {w.muni, 0}};
    rc_agreement_t spec = {.kind = RC_AKIND(FRAMEWORK), .title = "Örebro län", .case_number =
                           "RS 2018-0001", .rule_set = RC_RULES(OREBRO), .parties = parties,
                           .n_parties = 2, .start = "2018-09-21", .until_further_notice = true};
    uint64_t id = put_agreement(&spec, (term_extra_t){.annual_review = true});
    cr_assert_eq(nh_activate(&H, id, "2018-09-21"), 0);
    cr_assert(nh_settled(&H, 10000));

    nh_rep_t *rep = nh_deadlines(&H, "2024-06-01", "2026-12-31", "annual_review", id, 0, 0, false);
    /* 2024-06-30 is a Sunday. */
    const Fcavtal__V1__Deadline *d = expect(rep, "annual_review", "2024-06-30", "2024-06-28");
    cr_assert_str_eq(d->rule->source, "Örebro, Giltighet");
    cr_assert(strstr(d->rule->text, "2024-12-31"), "takes effect at the year's end: %s",
              d->rule->text);
    cr_assert_str_eq(d->actors, "each_principal");
    expect(rep, "annual_review", "2025-06-30", "2025-06-30");
    expect(rep, "annual_review", "2026-06-30", "2026-06-30");
    nh_free(rep);

    /* A notice after the window takes effect a year later: 2026-12-31. */
    cr_assert_eq(nh_set_today(&H, "2025-07-01"), 0);
    record_notice(id, w.muni, "2025-07-01");
    rep = nh_deadlines(&H, "2025-07-01", "2027-12-31", NULL, id, 0, 0, true);
    expect(rep, "end", "2026-12-31", "2026-12-30");
    expect(rep, "handover", "2026-12-31", "2026-12-30");
    expect_cancelled(rep, "annual_review", "2026-06-30");
    nh_free(rep);
}

/* ------------------------------------------------------------ use-right */

Test(worked_examples, use_right_notice_ends_at_the_month_end)
{
    cr_assert_eq(nh_start(&H, "2025-03-01", NULL), 0);
    rc_world_t w;
    cr_assert_eq(rc_world(&H.reg, &w), 0);
    rc_party_t parties[2] = {{w.muni, 0}, {w.region, w.bhv}};
    rc_agreement_t spec = {.kind = RC_AKIND(USE_RIGHT), .title = "Nyttjanderätt", .case_number =
                           "N 2024-7", .centre_id = w.centre, .parties = parties, .n_parties = 2,
                           .start = "2024-01-01", .until_further_notice = true,
                           .notice_months = 6};
    uint64_t id = put_agreement(&spec, (term_extra_t){.notice_to_month_end = true});
    cr_assert_eq(nh_activate(&H, id, "2024-01-01"), 0);
    cr_assert(nh_settled(&H, 10000));
    nh_rep_t *rep = nh_deadlines(&H, "2025-01-01", "2030-12-31", NULL, id, 0, 0, false);
    cr_assert_eq(rep->deadlines->n_items, 0, "until further notice: no deadline of its own");
    nh_free(rep);

    /* Any day in March 2025 + 6 months ends it on 2025-09-30. */
    cr_assert_eq(nh_set_today(&H, "2025-03-15"), 0);
    record_notice(id, w.muni, "2025-03-15");
    rep = nh_deadlines(&H, "2025-03-15", "2026-12-31", NULL, id, 0, 0, false);
    const Fcavtal__V1__Deadline *d = expect(rep, "end", "2025-09-30", "2025-09-30");
    cr_assert_str_eq(d->rule->source, "Bilaga 2 §3");
    expect(rep, "handover", "2025-09-30", "2025-09-30");
    nh_free(rep);
}
