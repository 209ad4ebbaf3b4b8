/* A finalised run publishes, per centre, what it settled: the record
 * another service (render's financing section) follows. A draft or a
 * discarded run publishes nothing; a finalised correction publishes the
 * revised figures in full. */
#include <criterion/criterion.h>
#include <string.h>

#include "service_fixture.h"

static sf_t F;
static rc_world_t W;
static uint64_t C;

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "2"), 0, "registry or costs did not start");
    cr_assert_eq(rc_world(&F.reg, &W), 0);
    C = sf_backa(&F, &W);
    cr_assert(C, "the centre did not reach costs");
    /* VG §14.1: 600 000 kr coordinator, paid by the employer. */
    cr_assert(sf_item(&F, C, SF_CAT(COORDINATOR), 60000000, W.ofs, "2025-01-01", "2025-12-31"));
}

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_centre_settlement, .init = setup, .fini = teardown, .timeout = 120);

static uint64_t run_year(void)
{
    sf_rep_t *rep = sf_run(&F, "year", 2025, 0, &C, 1, NULL);
    cr_assert(rep && rep->status->code == 0, "run: %s", rep ? rep->status->message : "none");
    uint64_t id = rep->run->id;
    sf_free(rep);
    return id;
}

static void act(const char *member, uint64_t run)
{
    sf_rep_t *rep = sf_action(&F, member, run);
    cr_assert(rep && rep->status->code == 0, "%s: %s", member, rep ? rep->status->message : "none");
    sf_free(rep);
}

/* Every centre_settlement event in the audit trail, in order (the reply
 * is kept in *keep for the caller to free). */
static size_t settlements(Fcavtal__V1__CentreSettlement **out, size_t max, sf_rep_t **keep)
{
    Fcavtal__V1__AuditQuery q = FCAVTAL__V1__AUDIT_QUERY__INIT;
    q.entity = "centre_settlement";
    q.limit = 1000;
    sf_rep_t *rep = sf_call(&F, "audit", &q.base, NULL);
    cr_assert(rep && rep->status->code == 0, "audit: %s", rep ? rep->status->message : "none");
    size_t n = 0;
    for (size_t i = 0; i < rep->audit->n_events && n < max; i++) {
        const Fcavtal__V1__CostsEvent *e = rep->audit->events[i];
        cr_assert_eq(e->entity_case, FCAVTAL__V1__COSTS_EVENT__ENTITY_CENTRE_SETTLEMENT);
        cr_expect_str_eq(e->action, "centre_settlement.finalised");
        out[n++] = e->centre_settlement;
    }
    *keep = rep;
    return n;
}

static const Fcavtal__V1__CentreSettlementParty *party(const Fcavtal__V1__CentreSettlement *s,
                                                       uint64_t op)
{
    for (size_t i = 0; i < s->n_parties; i++)
        if (s->parties[i]->operation_id == op)
            return s->parties[i];
    return NULL;
}

static int64_t category(const Fcavtal__V1__CategoryAmounts *const *v, size_t n,
                        Fcavtal__V1__CostCategory cat, bool paid)
{
    for (size_t i = 0; i < n; i++)
        if (v[i]->category == cat)
            return paid ? v[i]->paid->ore : v[i]->share->ore;
    return 0;
}

Test(costs_centre_settlement, finalising_publishes_each_centres_figures)
{
    uint64_t run = run_year();
    sf_rep_t *keep;
    Fcavtal__V1__CentreSettlement *s[4];
    cr_expect_eq(settlements(s, 4, &keep), 0, "a draft publishes nothing");
    sf_free(keep);
    act("finalise_run", run);
    cr_assert_eq(settlements(s, 4, &keep), 1);
    const Fcavtal__V1__CentreSettlement *c = s[0];
    cr_expect_eq(c->run_id, run);
    cr_expect_eq(c->centre_id, C);
    cr_expect_eq(c->run_kind, FCAVTAL__V1__RUN_KIND__RUN_KIND_SETTLEMENT);
    cr_expect_eq(c->period->kind, FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_YEAR);
    cr_expect_eq(c->period->from->year, 2025);
    cr_expect_str_eq(c->centre_name, "Familjecentralen Backa");
    cr_expect_eq(category((const Fcavtal__V1__CategoryAmounts *const *)c->totals, c->n_totals,
                          SF_CAT(COORDINATOR), false), 60000000);
    cr_assert_eq(c->n_parties, 4);
    const uint64_t ops[] = {W.bhv, W.mhv, W.ofs, W.soc};
    for (size_t i = 0; i < 4; i++) {
        const Fcavtal__V1__CentreSettlementParty *p = party(c, ops[i]);
        cr_assert_not_null(p, "operation %zu missing", i);
        cr_expect_eq(p->share->ore, 15000000, "150 000 kr each (VG §14.1)");
        cr_expect_eq(p->paid->ore, ops[i] == W.ofs ? 60000000 : 0);
    }
    cr_assert_geq(c->n_sources, 1);
    cr_expect_eq(c->sources[0]->category, SF_CAT(COORDINATOR));
    cr_expect(strstr(c->sources[0]->source, "§14.1"), "%s", c->sources[0]->source);
    sf_free(keep);
}

Test(costs_centre_settlement, a_discarded_draft_publishes_nothing)
{
    act("discard_run", run_year());
    sf_rep_t *keep;
    Fcavtal__V1__CentreSettlement *s[2];
    cr_expect_eq(settlements(s, 2, &keep), 0);
    sf_free(keep);
}

Test(costs_centre_settlement, a_correction_publishes_the_revised_figures)
{
    act("finalise_run", run_year());
    /* A premises invoice arrives late, paid by the open pre-school. */
    cr_assert(sf_item(&F, C, SF_CAT(PREMISES), 4000000, W.ofs, "2025-01-01", "2025-12-31"));
    uint64_t corr = run_year();
    act("finalise_run", corr);
    sf_rep_t *keep;
    Fcavtal__V1__CentreSettlement *s[4];
    cr_assert_eq(settlements(s, 4, &keep), 2);
    const Fcavtal__V1__CentreSettlement *c = s[1];
    cr_expect_eq(c->run_id, corr);
    cr_expect_eq(c->run_kind, FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION);
    cr_expect_eq(category((const Fcavtal__V1__CategoryAmounts *const *)c->totals, c->n_totals,
                          SF_CAT(PREMISES), false), 4000000);
    const Fcavtal__V1__CentreSettlementParty *bhv = party(c, W.bhv), *ofs = party(c, W.ofs);
    cr_assert(bhv && ofs);
    cr_expect_eq(bhv->share->ore, 16000000, "150 000 + 10 000 kr: the whole, not the difference");
    cr_expect_eq(category((const Fcavtal__V1__CategoryAmounts *const *)ofs->by_category,
                          ofs->n_by_category, SF_CAT(PREMISES), true), 4000000);
    sf_free(keep);
}
