/* The rules a run follows, as get_allocation_rules reports them: the
 * framework's (VG §14.1) where they apply, the local agreement's where the
 * framework leaves it to it, the days no rule covers and why; local rules
 * versioned, and a run following them. */
#include <criterion/criterion.h>

#include "service_fixture.h"

static sf_t F;
static rc_world_t W;

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "1"), 0);
    cr_assert_eq(rc_world(&F.reg, &W), 0);
}

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_rules, .init = setup, .fini = teardown, .timeout = 120);

static uint64_t centre(const char *established)
{
    rc_part_t parts[] = {{W.bhv, true, "2015-01-01", NULL}, {W.mhv, true, "2015-01-01", NULL},
                         {W.ofs, true, "2015-01-01", NULL}, {W.soc, true, "2015-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen", W.muni, W.framework, established, W.ofs, parts, 4};
    uint64_t id = sf_centre(&F, &c);
    cr_assert(id);
    return id;
}

static sf_rep_t *rules(uint64_t id)
{
    Fcavtal__V1__Date a = rc_date("2025-01-01"), b = rc_date("2025-12-31");
    Fcavtal__V1__GetAllocationRules q = FCAVTAL__V1__GET_ALLOCATION_RULES__INIT;
    q.centre_id = id;
    q.from = &a;
    q.to = &b;
    sf_rep_t *rep = sf_call(&F, "get_allocation_rules", &q.base, NULL);
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "no reply");
    return rep;
}

static const Fcavtal__V1__EffectiveRule *rule_for(const sf_rep_t *rep, int category)
{
    for (size_t i = 0; i < rep->rules->n_effective; i++)
        if ((int)rep->rules->effective[i]->category == category)
            return rep->rules->effective[i];
    return NULL;
}

Test(costs_rules, a_new_vg_centre_shares_everything_equally)
{
    uint64_t id = centre("2024-06-01");
    cr_assert(sf_sync(&F));
    sf_rep_t *rep = rules(id);
    cr_expect_eq(rep->rules->rule_set, RC_RULES(VG));
    cr_expect_eq(rep->rules->n_gaps, 0, "%s", rep->rules->n_gaps ? rep->rules->gaps[0] : "");
    for (int c = 1; c <= 4; c++) {
        const Fcavtal__V1__EffectiveRule *r = rule_for(rep, c);
        cr_assert_not_null(r, "category %d has no rule", c);
        cr_expect_str_eq(r->source, "VG §14.1");
        cr_expect_eq(r->kind, FCAVTAL__V1__ALLOCATION_RULE_KIND__ALLOCATION_RULE_EQUAL_BASE);
        cr_expect(rc_date_is(r->from, "2025-01-01") && rc_date_is(r->to, "2025-12-31"));
    }
    cr_expect(strstr(rep->rules->framework, "RS 2019-0829"), "%s", rep->rules->framework);
    sf_free(rep);
}

Test(costs_rules, an_older_centre_needs_its_local_agreement)
{
    uint64_t id = centre("2017-09-01");
    cr_assert(sf_sync(&F));
    sf_rep_t *rep = rules(id);
    /* The coordinator rule applies to existing centres too; the rest is
     * the local agreement's to decide (VG §14.1). */
    cr_expect_not_null(rule_for(rep, SF_CAT(COORDINATOR)));
    cr_expect_eq(rep->rules->n_gaps, 3, "premises, joint activities and other costs");
    for (size_t i = 0; i < rep->rules->n_gaps; i++)
        cr_expect(strstr(rep->rules->gaps[i], "VG §14.1"), "%s", rep->rules->gaps[i]);
    sf_free(rep);
    /* A run with a premises item is refused, naming the rule. */
    cr_assert(sf_item(&F, id, SF_CAT(PREMISES), 1200000, W.ofs, "2025-01-01", "2025-12-31"));
    rep = sf_run(&F, "year", 2025, 0, &id, 1, NULL);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION));
    cr_expect(strstr(rep->status->message, "VG §14.1"), "%s", rep->status->message);
    sf_free(rep);
    /* The local agreement: premises 50/30/10/10 per cent. */
    Fcavtal__V1__AllocationWeight w[4], *wp[4];
    uint64_t ops[4] = {W.bhv, W.mhv, W.ofs, W.soc};
    int64_t bp[4] = {5000, 3000, 1000, 1000};
    for (int i = 0; i < 4; i++) {
        fcavtal__v1__allocation_weight__init(&w[i]);
        w[i].operation_id = ops[i];
        w[i].weight = bp[i];
        wp[i] = &w[i];
    }
    Fcavtal__V1__AllocationRule r = FCAVTAL__V1__ALLOCATION_RULE__INIT;
    r.category = SF_CAT(PREMISES);
    r.kind = FCAVTAL__V1__ALLOCATION_RULE_KIND__ALLOCATION_RULE_FIXED_SHARES;
    r.unit = FCAVTAL__V1__WEIGHT_UNIT__WEIGHT_UNIT_BASIS_POINTS;
    r.weights = wp;
    r.n_weights = 4;
    r.source = "Lokalt samverkansavtal §15";
    Fcavtal__V1__AllocationRule *rs[] = {&r};
    Fcavtal__V1__AllocationOverride o = FCAVTAL__V1__ALLOCATION_OVERRIDE__INIT;
    o.centre_id = id;
    o.rules = rs;
    o.n_rules = 1;
    o.change_note = "Lokalt avtal 2025";
    Fcavtal__V1__SetAllocationRules set = FCAVTAL__V1__SET_ALLOCATION_RULES__INIT;
    set.local = &o;
    rep = sf_call(&F, "set_allocation_rules", &set.base, NULL);
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "none");
    cr_expect_eq(rep->rules->local->version, 1);
    sf_free(rep);
    rep = sf_call(&F, "set_allocation_rules", &set.base, NULL);
    cr_expect_eq(rep->rules->local->version, 2, "every set is a new version");
    sf_free(rep);
    rep = rules(id);
    const Fcavtal__V1__EffectiveRule *p = rule_for(rep, SF_CAT(PREMISES));
    cr_assert_not_null(p);
    cr_expect_str_eq(p->source, "Lokalt samverkansavtal §15");
    cr_expect_eq(rep->rules->n_gaps, 2);
    sf_free(rep);
    rep = sf_run(&F, "year", 2025, 0, &id, 1, NULL);
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "none");
    uint64_t run = rep->run->id;
    sf_free(rep);
    cr_expect_eq(sf_party(&F, run, W.bhv).share, 600000);
    cr_expect_eq(sf_party(&F, run, W.mhv).share, 360000);
    cr_expect_eq(sf_party(&F, run, W.ofs).balance, 1200000 - 120000);
}
