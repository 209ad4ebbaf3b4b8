/* The worked examples of issue 8 §5 end to end: the records go into the real
 * registry, costs follows it, the items go into costs, a run is made over
 * ZeroMQ and its shares, balances and transfers are read back. */
#include <criterion/criterion.h>

#include "service_fixture.h"

static sf_t F;

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "2"), 0, "registry or costs did not start");
}

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_examples, .init = setup, .fini = teardown, .timeout = 120);

static uint64_t run_id(sf_rep_t *rep)
{
    cr_assert_not_null(rep, "no reply to the run");
    cr_assert_eq(rep->status->code, 0, "run refused: %s", rep->status->message);
    cr_assert_not_null(rep->run);
    uint64_t id = rep->run->id;
    sf_free(rep);
    return id;
}

static void expect(uint64_t run, uint64_t op, int64_t share, int64_t paid, int64_t balance)
{
    sf_line_t l = sf_party(&F, run, op);
    cr_assert(l.found, "operation %llu has no line", (unsigned long long)op);
    cr_expect_eq(l.share, share, "op %llu share %lld, expected %lld", (unsigned long long)op,
                 (long long)l.share, (long long)share);
    cr_expect_eq(l.paid, paid, "op %llu paid %lld, expected %lld", (unsigned long long)op,
                 (long long)l.paid, (long long)paid);
    cr_expect_eq(l.balance, balance, "op %llu balance %lld, expected %lld",
                 (unsigned long long)op, (long long)l.balance, (long long)balance);
}

/* Four base operations of a VG familjecentral share the 600 000 kr
 * coordinator equally (VG §14.1); the employer is reimbursed 450 000 kr, and
 * the region pays the municipality what its two operations owe. */
Test(costs_examples, vg_four_base_operations)
{
    rc_world_t w;
    cr_assert_eq(rc_world(&F.reg, &w), 0);
    rc_part_t parts[] = {{w.bhv, true, "2024-01-01", NULL}, {w.mhv, true, "2024-01-01", NULL},
                         {w.ofs, true, "2024-01-01", NULL}, {w.soc, true, "2024-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen Backa", w.muni, w.framework, "2024-06-01", w.ofs, parts, 4};
    uint64_t centre = sf_centre(&F, &c);
    cr_assert(centre);
    cr_assert(sf_sync(&F), "costs did not catch up with the registry");
    /* The employer is the default payer of the coordinator. */
    cr_assert(sf_item(&F, centre, SF_CAT(COORDINATOR), 60000000, 0, "2025-01-01", "2025-12-31"));
    uint64_t run = run_id(sf_run(&F, "year", 2025, 0, &centre, 1, NULL));
    expect(run, w.bhv, 15000000, 0, -15000000);
    expect(run, w.mhv, 15000000, 0, -15000000);
    expect(run, w.ofs, 15000000, 60000000, 45000000);
    expect(run, w.soc, 15000000, 0, -15000000);
    sf_transfer_t t[8];
    size_t n = sf_transfers(&F, run, t, 8);
    cr_assert_eq(n, 1, "one transfer settles it, not %zu", n);
    cr_expect_eq(t[0].from, w.region);
    cr_expect_eq(t[0].to, w.muni);
    cr_expect_eq(t[0].amount, 30000000);
}

/* A familjecentralsliknande verksamhet with three base operations. */
Test(costs_examples, vg_three_base_operations)
{
    rc_world_t w;
    cr_assert_eq(rc_world(&F.reg, &w), 0);
    rc_part_t parts[] = {{w.bhv, true, "2024-01-01", NULL}, {w.ofs, true, "2024-01-01", NULL},
                         {w.soc, true, "2024-01-01", NULL}};
    sf_centre_t c = {"Familjecentralsliknande Hisingen", w.muni, w.framework, "2024-06-01", w.bhv,
                     parts, 3};
    uint64_t centre = sf_centre(&F, &c);
    cr_assert(centre);
    cr_assert(sf_sync(&F));
    cr_assert(sf_item(&F, centre, SF_CAT(COORDINATOR), 60000000, 0, "2025-01-01", "2025-12-31"));
    uint64_t run = run_id(sf_run(&F, "year", 2025, 0, &centre, 1, NULL));
    expect(run, w.bhv, 20000000, 60000000, 40000000);
    expect(run, w.ofs, 20000000, 0, -20000000);
    expect(run, w.soc, 20000000, 0, -20000000);
    sf_transfer_t t[8];
    cr_assert_eq(sf_transfers(&F, run, t, 8), 1);
    cr_expect_eq(t[0].from, w.muni);
    cr_expect_eq(t[0].to, w.region);
    cr_expect_eq(t[0].amount, 40000000);
}

/* Örebro «Ekonomi»: half to each principal, then equal among its parties:
 * 240 000 kr gives the region's two 60 000 kr each, the municipality's three
 * 40 000 kr each. */
Test(costs_examples, orebro_two_principals)
{
    uint64_t region = rc_org(&F.reg, "232100-0164", "Region Örebro län", RC_ORG(REGION), 0);
    uint64_t muni = rc_org(&F.reg, "212000-1967", "Karlskoga kommun", RC_ORG(MUNICIPALITY), region);
    cr_assert(region && muni);
    uint64_t bvc = rc_op(&F.reg, region, RC_OPK(BHV), "BVC Karlskoga");
    uint64_t bmm = rc_op(&F.reg, region, RC_OPK(MHV), "BMM Karlskoga");
    uint64_t ofs = rc_op(&F.reg, muni, RC_OPK(OFS), "Öppna förskolan Karlskoga");
    uint64_t soc = rc_op(&F.reg, muni, RC_OPK(SOC), "Familjestöd Karlskoga");
    uint64_t lib = rc_op(&F.reg, muni, RC_OPK(OTHER), "Biblioteket Karlskoga");
    cr_assert(bvc && bmm && ofs && soc && lib);
    uint64_t fw = sf_framework(&F, RC_RULES(OREBRO), "2023-01-01", region, muni);
    cr_assert(fw);
    rc_part_t parts[] = {{bvc, true, "2023-01-01", NULL}, {bmm, true, "2023-01-01", NULL},
                         {ofs, true, "2023-01-01", NULL}, {soc, true, "2023-01-01", NULL},
                         {lib, true, "2023-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen Karlskoga", muni, fw, "2023-01-01", ofs, parts, 5};
    uint64_t centre = sf_centre(&F, &c);
    cr_assert(centre);
    cr_assert(sf_sync(&F));
    cr_assert(sf_item(&F, centre, SF_CAT(COORDINATOR), 24000000, 0, "2024-01-01", "2024-12-31"));
    uint64_t run = run_id(sf_run(&F, "year", 2024, 0, &centre, 1, NULL));
    expect(run, bvc, 6000000, 0, -6000000);
    expect(run, bmm, 6000000, 0, -6000000);
    expect(run, ofs, 4000000, 24000000, 20000000);
    expect(run, soc, 4000000, 0, -4000000);
    expect(run, lib, 4000000, 0, -4000000);
    sf_transfer_t t[8];
    cr_assert_eq(sf_transfers(&F, run, t, 8), 1);
    cr_expect_eq(t[0].from, region);
    cr_expect_eq(t[0].to, muni);
    cr_expect_eq(t[0].amount, 12000000);
}

/* 100 000,01 kr over three equal parties: the öre left over goes to the
 * lowest operation id (docs/costs.md, "Rounding and the tie-break"). */
Test(costs_examples, one_ore_to_the_lowest_key)
{
    rc_world_t w;
    cr_assert_eq(rc_world(&F.reg, &w), 0);
    rc_part_t parts[] = {{w.bhv, true, "2024-01-01", NULL}, {w.mhv, true, "2024-01-01", NULL},
                         {w.ofs, true, "2024-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen Angered", w.muni, w.framework, "2024-06-01", w.ofs, parts, 3};
    uint64_t centre = sf_centre(&F, &c);
    cr_assert(centre);
    cr_assert(sf_sync(&F));
    cr_assert(sf_item(&F, centre, SF_CAT(COORDINATOR), 10000001, 0, "2025-01-01", "2025-12-31"));
    uint64_t run = run_id(sf_run(&F, "year", 2025, 0, &centre, 1, NULL));
    cr_assert(w.bhv < w.mhv && w.mhv < w.ofs);
    expect(run, w.bhv, 3333334, 0, -3333334);
    expect(run, w.mhv, 3333334, 0, -3333334);
    expect(run, w.ofs, 3333333, 10000001, 6666668);
}

/* 365 000 kr for 2025 is 1 000 kr a day; BVC and OFS take part all year,
 * SOC joins on 1 April and pays from that day. */
Test(costs_examples, operation_joining_on_1_april)
{
    rc_world_t w;
    cr_assert_eq(rc_world(&F.reg, &w), 0);
    rc_part_t parts[] = {{w.bhv, true, "2024-01-01", NULL}, {w.ofs, true, "2024-01-01", NULL},
                         {w.soc, true, "2025-04-01", NULL}};
    sf_centre_t c = {"Familjecentralen Bergsjön", w.muni, w.framework, "2024-06-01", w.ofs, parts, 3};
    uint64_t centre = sf_centre(&F, &c);
    cr_assert(centre);
    cr_assert(sf_sync(&F));
    cr_assert(sf_item(&F, centre, SF_CAT(COORDINATOR), 36500000, 0, "2025-01-01", "2025-12-31"));
    uint64_t run = run_id(sf_run(&F, "year", 2025, 0, &centre, 1, NULL));
    expect(run, w.bhv, 13666667, 0, -13666667);
    expect(run, w.ofs, 13666667, 36500000, 22833333);
    expect(run, w.soc, 9166666, 0, -9166666);
    /* Every figure says where it comes from. */
    Fcavtal__V1__ExplainShare q = FCAVTAL__V1__EXPLAIN_SHARE__INIT;
    q.run_id = run;
    q.operation_id = w.soc;
    sf_rep_t *rep = sf_call(&F, "explain", &q.base, NULL);
    cr_assert(rep && rep->status->code == 0, "explain: %s", rep ? rep->status->message : "none");
    cr_expect(strstr(rep->explanation->text, "VG §14.1"), "%s", rep->explanation->text);
    cr_expect(strstr(rep->explanation->text, "2025-04-01..2025-12-31"), "%s",
              rep->explanation->text);
    cr_expect(strstr(rep->explanation->text, "275 days"), "%s", rep->explanation->text);
    cr_expect_eq(rep->explanation->n_segments, 1);
    /* A page of the run reads back with the same words, written from the
     * rule's parts: the basis, the members' weights, the names. */
    Fcavtal__V1__ShowRun show = FCAVTAL__V1__SHOW_RUN__INIT;
    show.run_id = run;
    show.part = FCAVTAL__V1__RUN_PART__RUN_PART_ITEMS;
    sf_rep_t *page = sf_call(&F, "show_run", &show.base, NULL);
    cr_assert(page && page->status->code == 0, "show_run: %s",
              page ? page->status->message : "none");
    const Fcavtal__V1__SettlementRun *r = page->run;
    cr_assert_eq(r->n_segments, 2);   /* before and from SOC's first day */
    const Fcavtal__V1__AllocationSegment *mine = r->segments[1], *told = rep->explanation->segments[0];
    cr_expect_eq(mine->basis, FCAVTAL__V1__RULE_BASIS__RULE_BASIS_VG_COORDINATOR);
    cr_expect_str_eq(mine->explanation, told->explanation);
    cr_expect(strstr(mine->explanation, "equally among the 3 base operations taking part ("),
              "%s", mine->explanation);
    cr_expect(strstr(mine->explanation, "Förebyggande socialtjänst Centrum"), "%s",
              mine->explanation);
    cr_expect_eq(mine->n_members, 3);
    for (size_t m = 0; m < mine->n_members; m++) {
        cr_expect_str_eq(mine->members[m]->fraction, "1/3");
        cr_expect_eq(mine->members[m]->weight, 1);
    }
    cr_expect_str_eq(r->segments[0]->members[0]->fraction, "1/2");
    sf_free(page);
    sf_free(rep);
}
