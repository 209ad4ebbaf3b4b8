/* Runs over their life: finalised runs never change, a finalised period run
 * again after costs changed makes a correction with the differences, runs
 * are idempotent by request id and survive restarts, and no day of a
 * centre is settled twice. */
#include <criterion/criterion.h>
#include <signal.h>

#include "service_fixture.h"

static sf_t F;
static rc_world_t W;
static uint64_t C; /* the centre */

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "2"), 0, "registry or costs did not start");
    cr_assert_eq(rc_world(&F.reg, &W), 0);
    C = sf_backa(&F, &W);
    cr_assert(C, "the centre did not reach costs");
    cr_assert(sf_item(&F, C, SF_CAT(COORDINATOR), 60000000, 0, "2025-01-01", "2025-12-31"));
}

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_runs, .init = setup, .fini = teardown, .timeout = 120);

static Fcavtal__V1__SettlementRun *ok_run(sf_rep_t *rep)
{
    cr_assert_not_null(rep, "no reply");
    cr_assert_eq(rep->status->code, 0, "refused: %s", rep->status->message);
    cr_assert_not_null(rep->run);
    return rep->run;
}

static uint64_t run_year(const char *id)
{
    sf_rep_t *rep = sf_run(&F, "year", 2025, 0, &C, 1, id);
    uint64_t run = ok_run(rep)->id;
    sf_free(rep);
    return run;
}

static void finalise(uint64_t run)
{
    sf_rep_t *rep = sf_action(&F, "finalise_run", run);
    cr_assert_eq(ok_run(rep)->status, FCAVTAL__V1__RUN_STATUS__RUN_STATUS_FINALISED);
    sf_free(rep);
}

static bool has_warning(const sf_rep_t *rep, const char *needle)
{
    for (size_t i = 0; i < rep->n_warnings; i++)
        if (strstr(rep->warnings[i], needle))
            return true;
    return false;
}

Test(costs_runs, correction_settles_the_differences)
{
    uint64_t r = run_year(NULL);
    finalise(r);
    sf_line_t before = sf_party(&F, r, W.ofs);
    /* A late premises invoice for 2025, paid by the open pre-school. */
    Fcavtal__V1__Money m = {PROTOBUF_C_MESSAGE_INIT(&fcavtal__v1__money__descriptor), 4000000};
    Fcavtal__V1__Date a = rc_date("2025-01-01"), b = rc_date("2025-12-31");
    Fcavtal__V1__CostItem it = FCAVTAL__V1__COST_ITEM__INIT;
    it.centre_id = C;
    it.category = SF_CAT(PREMISES);
    it.amount = &m;
    it.paid_by_operation_id = W.ofs;
    it.from = &a;
    it.to = &b;
    sf_rep_t *add = sf_add_item(&F, &it);
    cr_assert(add && add->status->code == 0, "add: %s", add ? add->status->message : "none");
    cr_expect(has_warning(add, "finalised run"), "adding to a settled period says so");
    uint64_t late = add->item->id;
    sf_free(add);

    sf_rep_t *rep = sf_run(&F, "year", 2025, 0, &C, 1, NULL);
    Fcavtal__V1__SettlementRun *corr = ok_run(rep);
    cr_assert_eq(corr->kind, FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION);
    cr_expect_eq(corr->corrects_run_id, r);
    cr_expect_eq(corr->baseline_run_id, r);
    uint64_t c1 = corr->id;
    sf_free(rep);
    sf_line_t ofs = sf_party(&F, c1, W.ofs), bhv = sf_party(&F, c1, W.bhv);
    cr_expect_eq(ofs.difference, 3000000, "OFS paid 40 000 kr and owes a quarter");
    cr_expect_eq(bhv.difference, -1000000);
    cr_expect_eq(ofs.balance_before, before.balance);
    cr_expect_eq(ofs.share, 16000000);
    sf_transfer_t t[4];
    cr_assert_eq(sf_transfers(&F, c1, t, 4), 1);
    cr_expect_eq(t[0].from, W.region);
    cr_expect_eq(t[0].to, W.muni);
    cr_expect_eq(t[0].amount, 2000000);
    /* The explanation says what changed. */
    Fcavtal__V1__ExplainShare q = FCAVTAL__V1__EXPLAIN_SHARE__INIT;
    q.run_id = c1;
    q.operation_id = W.ofs;
    sf_rep_t *ex = sf_call(&F, "explain", &q.base, NULL);
    cr_assert(ex && ex->status->code == 0, "%s", ex ? ex->status->message : "none");
    cr_expect(strstr(ex->explanation->text, "difference 30 000,00 kr"), "%s", ex->explanation->text);
    cr_expect(strstr(ex->explanation->text, "Göteborgs kommun receives 20 000,00 kr from "
                                            "Västra Götalandsregionen"), "%s",
              ex->explanation->text);
    sf_free(ex);
    finalise(c1);

    /* The finalised run is as it was; it points at its correction. */
    sf_line_t again = sf_party(&F, r, W.ofs);
    cr_expect_eq(again.balance, before.balance);
    cr_expect_eq(again.share, before.share);
    Fcavtal__V1__ShowRun s = FCAVTAL__V1__SHOW_RUN__INIT;
    s.run_id = r;
    rep = sf_call(&F, "show_run", &s.base, NULL);
    cr_expect_eq(ok_run(rep)->corrected_by_run_id, c1);
    sf_free(rep);

    /* Nothing changed since: no new run, a warning. */
    rep = sf_run(&F, "year", 2025, 0, &C, 1, NULL);
    cr_expect_eq(ok_run(rep)->id, r);
    cr_expect(has_warning(rep, "nothing changed"));
    sf_free(rep);

    /* Withdrawing the late item corrects back, against the correction. */
    Fcavtal__V1__WithdrawCostItem wd = FCAVTAL__V1__WITHDRAW_COST_ITEM__INIT;
    wd.item_id = late;
    wd.note = "dubbelfakturerad";
    rep = sf_call(&F, "withdraw_cost_item", &wd.base, NULL);
    cr_assert(rep && rep->status->code == 0);
    cr_expect(rep->item->withdrawn);
    sf_free(rep);
    Fcavtal__V1__CorrectRun cr = FCAVTAL__V1__CORRECT_RUN__INIT;
    cr.run_id = r;
    rep = sf_call(&F, "correct_run", &cr.base, NULL);
    Fcavtal__V1__SettlementRun *c2 = ok_run(rep);
    cr_expect_eq(c2->baseline_run_id, c1);
    uint64_t c2id = c2->id;
    sf_free(rep);
    cr_expect_eq(sf_party(&F, c2id, W.ofs).difference, -3000000);
    cr_expect_eq(sf_party(&F, c2id, W.ofs).balance, before.balance);
}

Test(costs_runs, idempotent_by_request_id_across_restarts)
{
    uint64_t a = run_year("run-2025-backa");
    uint64_t b = run_year("run-2025-backa");
    cr_expect_eq(a, b, "a retried run is the same run");
    cr_assert_eq(sf_restart_costs(&F, SIGKILL), 0);
    cr_assert(sf_sync(&F));
    cr_expect_eq(run_year("run-2025-backa"), a, "and stays so after a crash");
    Fcavtal__V1__ListRuns q = FCAVTAL__V1__LIST_RUNS__INIT;
    sf_rep_t *rep = sf_call(&F, "list_runs", &q.base, NULL);
    cr_assert(rep && rep->status->code == 0);
    cr_expect_eq(rep->runs->n_items, 1, "one run, not %zu", rep->runs->n_items);
    sf_free(rep);
    cr_expect_eq(sf_party(&F, a, W.ofs).balance, 45000000, "the run survived the crash");
    /* Another request id is another draft. */
    cr_expect_neq(run_year("run-2025-backa-again"), a);
}

Test(costs_runs, no_day_is_settled_twice)
{
    uint64_t r = run_year(NULL);
    uint64_t other = run_year(NULL);
    finalise(r);
    /* A second draft of the same days cannot be finalised too. */
    sf_rep_t *rep = sf_action(&F, "finalise_run", other);
    cr_assert(rep);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION), "%s", rep->status->message);
    sf_free(rep);
    /* A quarter inside the settled year is refused. */
    rep = sf_run(&F, "quarter", 2025, 2, &C, 1, NULL);
    cr_assert(rep);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION));
    cr_expect(strstr(rep->status->message, "finalised run"), "%s", rep->status->message);
    sf_free(rep);
    /* Finalised runs are final. */
    rep = sf_action(&F, "finalise_run", r);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION));
    sf_free(rep);
    rep = sf_action(&F, "discard_run", r);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION));
    sf_free(rep);
    /* A draft may go: its header stays, its contents do not. */
    rep = sf_action(&F, "discard_run", other);
    cr_expect_eq(ok_run(rep)->status, FCAVTAL__V1__RUN_STATUS__RUN_STATUS_DISCARDED);
    sf_free(rep);
    Fcavtal__V1__ExplainShare q = FCAVTAL__V1__EXPLAIN_SHARE__INIT;
    q.run_id = other;
    q.operation_id = W.ofs;
    rep = sf_call(&F, "explain", &q.base, NULL);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION));
    sf_free(rep);
    /* Quarters of the next year are free. */
    cr_assert(sf_item(&F, C, SF_CAT(COORDINATOR), 15000000, 0, "2026-01-01", "2026-03-31"));
    rep = sf_run(&F, "quarter", 2026, 1, &C, 1, NULL);
    cr_expect_eq(ok_run(rep)->kind, FCAVTAL__V1__RUN_KIND__RUN_KIND_SETTLEMENT);
    sf_free(rep);
}

Test(costs_runs, quarters_add_up_to_the_year)
{
    int64_t total = 0;
    for (int q = 1; q <= 4; q++) {
        sf_rep_t *rep = sf_run(&F, "quarter", 2025, q, &C, 1, NULL);
        uint64_t id = ok_run(rep)->id;
        sf_free(rep);
        total += sf_party(&F, id, W.ofs).balance;
    }
    cr_expect_eq(total, 45000000, "four quarters of a yearly invoice add up to it exactly");
}

/* One municipality's centres: those taking part in the period are in
 * (with costs or not), another municipality's is not, and a centre of the
 * municipality that took no part in the period is left out. */
Test(costs_runs, one_municipality)
{
    uint64_t other = rc_org(&F.reg, "212000-1421", "Borås stad", RC_ORG(MUNICIPALITY), W.region);
    uint64_t ofs2 = rc_op(&F.reg, other, RC_OPK(OFS), "Öppna förskolan Borås");
    cr_assert(other && ofs2);
    rc_part_t p2[] = {{W.bhv, true, "2024-01-01", NULL}, {ofs2, true, "2024-01-01", NULL}};
    sf_centre_t c2 = {"Familjecentralen Borås", other, W.framework, "2024-06-01", ofs2, p2, 2};
    uint64_t boras = sf_centre(&F, &c2);
    rc_part_t p3[] = {{W.soc, true, "2027-01-01", NULL}};
    sf_centre_t c3 = {"Familjecentralen Framtiden", W.muni, W.framework, "2027-01-01", W.soc, p3, 1};
    uint64_t later = sf_centre(&F, &c3);
    cr_assert(boras && later && sf_sync(&F));
    cr_assert(sf_item(&F, boras, SF_CAT(COORDINATOR), 1000000, 0, "2025-01-01", "2025-12-31"));
    Fcavtal__V1__Date a, b;
    Fcavtal__V1__SettlementPeriod p = sf_period("year", 2025, 0, &a, &b);
    sf_rep_t *rep = sf_run_period(&F, &p, NULL, 0, W.muni, NULL);
    Fcavtal__V1__SettlementRun *r = ok_run(rep);
    cr_assert_eq(r->n_centre_ids, 2, "the municipality's two centres with a composition");
    cr_expect_eq(r->centre_ids[0], W.centre, "the world's centre, without costs");
    cr_expect_eq(r->centre_ids[1], C);
    cr_expect_eq(r->municipality_id, W.muni);
    cr_expect_eq(r->total->ore, 60000000);
    sf_free(rep);
}
