/* The cost rules, on worked examples: VG §14.1, Örebro "Ekonomi", local
 * fixed shares and premises areas, participation by days. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

#define KR(x) ((int64_t)(x) * 100)

static const cst_segment_t *segment_of(const cst_run_t *run, uint64_t item, size_t nth)
{
    for (size_t s = 0; s < run->n_segments; s++)
        if (run->segments[s].item == item && nth-- == 0)
            return &run->segments[s];
    cr_assert_fail("item %llu has no segment %zu", (unsigned long long)item, nth);
    return NULL;
}

static const cst_member_t *member_of(const cst_segment_t *seg, uint64_t party)
{
    for (size_t m = 0; m < seg->n_members; m++)
        if (seg->members[m].party == party)
            return &seg->members[m];
    return NULL;
}

static void expect_text(const char *text, const char *part)
{
    cr_expect_not_null(strstr(text, part), "\"%s\" lacks \"%s\"", text, part);
}

/* The segment's explanation, as a run's reader gets it, says `part`. */
static void expect_explained(const cst_run_t *run, const cst_segment_t *seg, const char *part)
{
    char *text;
    cr_assert_eq(cst_segment_explain(run, seg, &text), FC_OK);
    expect_text(text, part);
    free(text);
}

static void expect_fraction(const cst_segment_t *seg, uint64_t party, const char *want)
{
    const cst_member_t *m = member_of(seg, party);
    cr_assert_not_null(m, "party %llu does not share", (unsigned long long)party);
    char *text;
    cr_assert_eq(cst_member_fraction(seg, (size_t)(m - seg->members), &text), FC_OK);
    cr_expect_str_eq(text, want);
    free(text);
}

/* ------------------------------------------------------------------- VG */

Test(vg, coordinator_shared_equally_by_four_base_operations)
{
    /* VG §14.1: 600 000 kr, paid by the employing operation (OFS). */
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    ex_vg_familjecentral(&fx);
    fx_item(&fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(600000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(fx_share(run, P_BVC), KR(150000));
    cr_expect_eq(fx_share(run, P_BMM), KR(150000));
    cr_expect_eq(fx_share(run, P_OFS), KR(150000));
    cr_expect_eq(fx_share(run, P_SOC), KR(150000));
    /* The employer is reimbursed 450 000 kr by the other three. */
    cr_expect_eq(fx_balance(run, P_OFS), KR(450000));
    cr_expect_eq(fx_balance(run, P_BVC) + fx_balance(run, P_BMM) + fx_balance(run, P_SOC),
                 -KR(450000));
    const cst_segment_t *seg = segment_of(run, 1, 0);
    cr_expect_eq(run->n_segments, 1);
    cr_expect_str_eq(seg->source, "VG §14.1");
    expect_fraction(seg, P_BVC, "1/4");
    expect_explained(run, seg, "VG §14.1");
    expect_explained(run, seg, "4 base operations");
    expect_explained(run, seg, "BVC Backa");
    expect_explained(run, seg, "2025-01-01..2025-12-31 (365 days)");
    cst_run_destroy(&run);
    cr_expect_null(run);
}

Test(vg, familjecentralsliknande_with_three_base_operations)
{
    /* BHV, OFS and SOC, and a library taking part as another actor. The
     * centre is new (2024-09-01), so VG §14.1 shares premises equally too. */
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    fx_party(&fx, P_BVC, "BVC Lövgärdet", CST_OP_BHV, ORG_VGR);
    fx_party(&fx, P_OFS, "Öppna förskolan Lövgärdet", CST_OP_OFS, ORG_GOTEBORG);
    fx_party(&fx, P_SOC, "Familjestöd Lövgärdet", CST_OP_SOC, ORG_GOTEBORG);
    fx_party(&fx, P_LIB, "Sagostund", CST_OP_OTHER, ORG_LIBRARY);
    size_t c = fx_centre(&fx, C_LIKE, "Lövgärdets familjecentralsliknande verksamhet",
                         CST_RULE_SET_VG, D(2024, 9, 1));
    fx_join(&fx, c, P_BVC, D(2024, 9, 1), D(0, 0, 0));
    fx_join(&fx, c, P_OFS, D(2024, 9, 1), D(0, 0, 0));
    fx_join(&fx, c, P_SOC, D(2024, 9, 1), D(0, 0, 0));
    fx_join(&fx, c, P_LIB, D(2024, 9, 1), D(0, 0, 0));
    fx_item(&fx, 1, C_LIKE, CST_CATEGORY_COORDINATOR, KR(300000), P_SOC, D(2025, 1, 1),
            D(2025, 12, 31));
    fx_item(&fx, 2, C_LIKE, CST_CATEGORY_PREMISES, KR(90000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(fx_share(run, P_BVC), KR(130000));
    cr_expect_eq(fx_share(run, P_OFS), KR(130000));
    cr_expect_eq(fx_share(run, P_SOC), KR(130000));
    cr_expect_eq(fx_share(run, P_LIB), 0, "other actors share no common cost under VG §14.1");
    cr_expect_eq(fx_balance(run, P_SOC), KR(170000));
    cr_expect_eq(fx_balance(run, P_OFS), -KR(40000));
    cr_expect_eq(fx_transfer(&run->ledger, ORG_VGR, ORG_GOTEBORG), KR(130000));
    cr_expect_eq(run->ledger.n_transfers, 1);
    const cst_segment_t *prem = segment_of(run, 2, 0);
    expect_explained(run, prem, "established after the framework took effect");
    expect_explained(run, prem, "without a share under this rule: Sagostund");
    cst_run_destroy(&run);
}

/* A new VG centre with BVC and OFS from 2024-09-01 and SOC from soc_joins. */
static void three_base_operations(fx_t *fx, fc_date_t soc_joins)
{
    fx_init(fx, cst_period_year(2025));
    ex_orgs(fx);
    fx_party(fx, P_BVC, "BVC", CST_OP_BHV, ORG_VGR);
    fx_party(fx, P_OFS, "OFS", CST_OP_OFS, ORG_GOTEBORG);
    fx_party(fx, P_SOC, "SOC", CST_OP_SOC, ORG_GOTEBORG);
    size_t c = fx_centre(fx, C_LIKE, "Tre", CST_RULE_SET_VG, D(2024, 9, 1));
    fx_join(fx, c, P_BVC, D(2024, 9, 1), D(0, 0, 0));
    fx_join(fx, c, P_OFS, D(2024, 9, 1), D(0, 0, 0));
    fx_join(fx, c, P_SOC, soc_joins, D(0, 0, 0));
}

Test(vg, hundred_thousand_kronor_and_one_ore_over_three_parties)
{
    /* 10 000 001 öre over three: 3 333 333 each and two öre left, which go
     * to the two lowest party keys (BVC 11, OFS 13). */
    fx_t fx;
    three_base_operations(&fx, D(2024, 9, 1));
    fx_item(&fx, 1, C_LIKE, CST_CATEGORY_COORDINATOR, 10000001, P_BVC, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(fx_share(run, P_BVC), 3333334);
    cr_expect_eq(fx_share(run, P_OFS), 3333334);
    cr_expect_eq(fx_share(run, P_SOC), 3333333);
    cst_run_destroy(&run);
}

Test(vg, operation_joining_on_first_of_april_pays_from_then)
{
    /* 365 000 kr for 2025 is 1 000 kr a day. January-March (90 days) is
     * shared by BVC and OFS, April-December (275 days) by the three. */
    fx_t fx;
    three_base_operations(&fx, D(2025, 4, 1));
    fx_item(&fx, 1, C_LIKE, CST_CATEGORY_COORDINATOR, KR(365000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_assert_eq(run->n_segments, 2);
    const cst_segment_t *q1 = segment_of(run, 1, 0), *rest = segment_of(run, 1, 1);
    cr_expect_eq(q1->days, 90);
    cr_expect_eq(q1->amount, KR(90000));
    cr_expect_eq(q1->n_members, 2);
    cr_expect_eq(rest->days, 275);
    cr_expect_eq(rest->amount, KR(275000));
    cr_expect_eq(fx_share(run, P_SOC), 9166666);
    cr_expect_eq(fx_share(run, P_BVC), KR(45000) + 9166667);
    cr_expect_eq(fx_share(run, P_OFS), KR(45000) + 9166667);
    expect_explained(run, rest, "2025-04-01..2025-12-31 (275 days)");
    cst_run_destroy(&run);

    /* The first quarter alone: SOC has not joined and owes nothing. */
    fx.period = cst_period_quarter(2025, 1);
    run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(fx_share(run, P_SOC), 0);
    cr_expect_eq(fx_share(run, P_BVC), KR(45000));
    cr_expect_eq(run->items[0].accrued, KR(90000));
    cst_run_destroy(&run);
}

Test(vg, operation_leaving_pays_to_its_last_day)
{
    fx_t fx;
    fx_init(&fx, cst_period_month(2025, 6));
    ex_orgs(&fx);
    ex_vg_familjecentral(&fx);
    fx.parts[0][3].has_left = true; /* SOC */
    fx.parts[0][3].left = D(2025, 6, 10);
    fx_item(&fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(30000), P_OFS, D(2025, 6, 1),
            D(2025, 6, 30));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    /* 1 000 kr a day: 10 days among four, 20 among three. */
    cr_expect_eq(fx_share(run, P_SOC), KR(2500));
    cr_expect_eq(fx_share(run, P_BVC), KR(2500) + 666667);
    cst_run_destroy(&run);
}

/* A centre established in 2015, before the VG framework took effect. */
static size_t old_centre(fx_t *fx)
{
    ex_orgs(fx);
    return ex_vg_centre(fx, C_OLD, "Familjecentralen Angered", D(2015, 6, 1));
}

Test(vg, centre_established_before_framework_needs_local_rule_for_premises)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    old_centre(&fx);
    fx_item(&fx, 1, C_OLD, CST_CATEGORY_PREMISES, KR(120000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_error_t err = {0};
    cr_expect_eq(fx_run_status(&fx, &err), FC_FAILED_PRECONDITION);
    expect_text(err.message, "established before the VG framework took effect");
    expect_text(err.message, "local agreement");
    cr_expect_str_eq(err.field, "items[0].category");
}

Test(vg, centre_established_before_framework_follows_local_premises_area)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    size_t c = old_centre(&fx);
    size_t r = fx_rule(&fx, c, CST_CATEGORY_PREMISES, CST_RULE_PREMISES_AREA,
                       CST_UNIT_SQUARE_METRES, "Nyttjanderättsavtal §2");
    fx_weight(&fx, c, r, P_BVC, 40);
    fx_weight(&fx, c, r, P_BMM, 20);
    fx_weight(&fx, c, r, P_OFS, 60);
    fx_item(&fx, 1, C_OLD, CST_CATEGORY_PREMISES, KR(120000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    /* The coordinator rule of VG §14.1 applies to existing centres too. */
    fx_item(&fx, 2, C_OLD, CST_CATEGORY_COORDINATOR, KR(200000), P_BVC, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(cst_run_item_share(run, 1, P_BVC), KR(40000));
    cr_expect_eq(cst_run_item_share(run, 1, P_BMM), KR(20000));
    cr_expect_eq(cst_run_item_share(run, 1, P_OFS), KR(60000));
    cr_expect_eq(cst_run_item_share(run, 1, P_SOC), 0);
    cr_expect_eq(cst_run_item_share(run, 2, P_SOC), KR(50000));
    const cst_segment_t *prem = segment_of(run, 1, 0);
    cr_expect_str_eq(prem->source, "Nyttjanderättsavtal §2");
    expect_fraction(prem, P_BVC, "40 m² of 120 m²");
    expect_explained(run, prem, "the local agreement says otherwise, as VG §14.1 allows");
    expect_explained(run, prem, "by premises area");
    cst_run_destroy(&run);
}

Test(vg, coordinator_before_framework_follows_local_rule_then_vg)
{
    /* 2024: January and February under the local agreement (BVC and OFS
     * half each), from 2024-03-01 VG §14.1. 366 000 kr is 1 000 kr a day. */
    fx_t fx;
    fx_init(&fx, cst_period_year(2024));
    size_t c = old_centre(&fx);
    size_t r = fx_rule(&fx, c, CST_CATEGORY_COORDINATOR, CST_RULE_FIXED_SHARES,
                       CST_UNIT_BASIS_POINTS, "Lokalt samverkansavtal 2019 §12");
    fx_weight(&fx, c, r, P_BVC, 5000);
    fx_weight(&fx, c, r, P_OFS, 5000);
    fx.rules[c][r].has_to = true;
    fx.rules[c][r].to = D(2024, 2, 29);
    fx_item(&fx, 1, C_OLD, CST_CATEGORY_COORDINATOR, KR(366000), P_OFS, D(2024, 1, 1),
            D(2024, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_assert_eq(run->n_segments, 2);
    const cst_segment_t *before = segment_of(run, 1, 0), *after = segment_of(run, 1, 1);
    cr_expect_eq(before->days, 60);
    cr_expect_str_eq(before->source, "Lokalt samverkansavtal 2019 §12");
    expect_fraction(before, P_BVC, "50,00 % of 100,00 %");
    cr_expect_str_eq(after->source, "VG §14.1");
    cr_expect_eq(fc_date_cmp(after->from, D(2024, 3, 1)), 0);
    cr_expect_eq(fx_share(run, P_SOC), KR(306000) / 4);
    cr_expect_eq(fx_share(run, P_BVC), KR(30000) + KR(306000) / 4);
    cr_expect_eq(run->n_warnings, 0);
    cst_run_destroy(&run);
}

Test(vg, open_ended_local_coordinator_rule_is_superseded_with_a_warning)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    size_t c = old_centre(&fx);
    size_t r = fx_rule(&fx, c, CST_CATEGORY_COORDINATOR, CST_RULE_FIXED_SHARES, CST_UNIT_SHARES,
                       "Lokalt samverkansavtal 2019 §12");
    fx_weight(&fx, c, r, P_BVC, 1);
    fx_item(&fx, 1, C_OLD, CST_CATEGORY_COORDINATOR, KR(400000), P_BVC, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    cr_expect_eq(fx_share(run, P_SOC), KR(100000));
    cr_assert_eq(run->n_warnings, 1);
    expect_text(run->warnings[0], "VG §14.1");
    expect_text(run->warnings[0], "2024-03-01");
    cst_run_destroy(&run);
}

Test(vg, joint_activity_by_local_percentages)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    size_t c = old_centre(&fx);
    size_t r = fx_rule(&fx, c, CST_CATEGORY_JOINT_ACTIVITY, CST_RULE_FIXED_SHARES,
                       CST_UNIT_BASIS_POINTS, "Verksamhetsplan 2025, bilaga 2");
    fx_weight(&fx, c, r, P_BVC, 4000);
    fx_weight(&fx, c, r, P_BMM, 1000);
    fx_weight(&fx, c, r, P_OFS, 2500);
    fx_weight(&fx, c, r, P_SOC, 2500);
    fx_item(&fx, 1, C_OLD, CST_CATEGORY_JOINT_ACTIVITY, KR(10000), P_SOC, D(2025, 5, 1),
            D(2025, 5, 1));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(fx_share(run, P_BVC), KR(4000));
    cr_expect_eq(fx_share(run, P_BMM), KR(1000));
    cr_expect_eq(fx_share(run, P_OFS), KR(2500));
    cr_expect_eq(fx_share(run, P_SOC), KR(2500));
    cst_run_destroy(&run);
}

Test(vg, local_rule_amended_from_a_date_splits_the_year)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    size_t c = old_centre(&fx);
    size_t a = fx_rule(&fx, c, CST_CATEGORY_PREMISES, CST_RULE_EQUAL_PARTIES, CST_UNIT_SHARES,
                       "Lokalt samverkansavtal version 1");
    fx.rules[c][a].has_to = true;
    fx.rules[c][a].to = D(2025, 6, 30);
    size_t b = fx_rule(&fx, c, CST_CATEGORY_PREMISES, CST_RULE_FIXED_SHARES, CST_UNIT_SHARES,
                       "Lokalt samverkansavtal version 2");
    fx.rules[c][b].has_from = true;
    fx.rules[c][b].from = D(2025, 7, 1);
    fx_weight(&fx, c, b, P_OFS, 1);
    fx_item(&fx, 1, C_OLD, CST_CATEGORY_PREMISES, KR(365000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_assert_eq(run->n_segments, 2);
    /* 181 days among four, then 184 days OFS alone. */
    cr_expect_eq(fx_share(run, P_SOC), KR(181000) / 4);
    cr_expect_eq(fx_share(run, P_OFS), KR(181000) / 4 + KR(184000));
    cst_run_destroy(&run);
}

/* --------------------------------------------------------------- Örebro */

Test(orebro, half_to_each_principal_then_equal_among_its_parties)
{
    /* Örebro, Ekonomi: the region's two parties share one half, the
     * municipality's three the other. */
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    ex_orebro(&fx);
    fx_item(&fx, 1, C_OREBRO, CST_CATEGORY_COORDINATOR, KR(240000), P_OSOC, D(2025, 1, 1),
            D(2025, 12, 31));
    fx_item(&fx, 2, C_OREBRO, CST_CATEGORY_PREMISES, KR(60000), P_OOFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(cst_run_item_share(run, 1, P_OBVC), KR(60000));
    cr_expect_eq(cst_run_item_share(run, 1, P_OBMM), KR(60000));
    cr_expect_eq(cst_run_item_share(run, 1, P_OOFS), KR(40000));
    cr_expect_eq(cst_run_item_share(run, 1, P_OSOC), KR(40000));
    cr_expect_eq(cst_run_item_share(run, 1, P_OELEV), KR(40000));
    cr_expect_eq(cst_run_item_share(run, 2, P_OBVC), KR(15000));
    cr_expect_eq(cst_run_item_share(run, 2, P_OELEV), KR(10000));
    cr_expect_eq(fx_transfer(&run->ledger, ORG_REGION_OREBRO, ORG_OREBRO), KR(150000));
    const cst_segment_t *seg = segment_of(run, 1, 0);
    cr_expect_str_eq(seg->source, "Örebro, Ekonomi");
    expect_fraction(seg, P_OBVC, "1/2 × 1/2");
    expect_fraction(seg, P_OSOC, "1/2 × 1/3");
    expect_explained(run, seg, "Region Örebro län: BVC Vivalla, BMM Vivalla");
    expect_explained(run, seg, "Örebro kommun: Öppna förskolan Vivalla");
    cst_run_destroy(&run);
}

Test(orebro, rounding_keeps_each_principal_within_one_ore_of_half)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    ex_orebro(&fx);
    fx_item(&fx, 1, C_OREBRO, CST_CATEGORY_COORDINATOR, 10000001, P_OSOC, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    /* 5 000 001 to the region (the lower key), 5 000 000 to the municipality. */
    cr_expect_eq(fx_share(run, P_OBVC), 2500001);
    cr_expect_eq(fx_share(run, P_OBMM), 2500000);
    cr_expect_eq(fx_share(run, P_OOFS), 1666667);
    cr_expect_eq(fx_share(run, P_OSOC), 1666667);
    cr_expect_eq(fx_share(run, P_OELEV), 1666666);
    cst_run_destroy(&run);
}

Test(orebro, private_vardcentral_sits_on_the_regions_side)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    fx_org(&fx, 6, "Vårdcentralen Läkarhuset AB", "556000-0001", CST_ORG_COMPANY);
    size_t c = ex_orebro(&fx);
    (void)c;
    fx.parties[0].organisation = 6; /* BVC Vivalla run by a company under vårdval */
    fx.parties[0].principal = ORG_REGION_OREBRO;
    fx_item(&fx, 1, C_OREBRO, CST_CATEGORY_COORDINATOR, KR(240000), P_OSOC, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cr_expect_eq(fx_share(run, P_OBVC), KR(60000));
    cr_expect_eq(fx_transfer(&run->ledger, 6, ORG_OREBRO), KR(60000));
    cr_expect_eq(fx_transfer(&run->ledger, ORG_REGION_OREBRO, ORG_OREBRO), KR(60000));
    cst_run_destroy(&run);
}

Test(orebro, joint_activities_follow_the_business_plan)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    size_t c = ex_orebro(&fx);
    fx_item(&fx, 1, C_OREBRO, CST_CATEGORY_JOINT_ACTIVITY, KR(8000), P_OSOC, D(2025, 3, 1),
            D(2025, 3, 1));
    cst_error_t err = {0};
    cr_expect_eq(fx_run_status(&fx, &err), FC_FAILED_PRECONDITION);
    expect_text(err.message, "business plan");
    size_t r = fx_rule(&fx, c, CST_CATEGORY_JOINT_ACTIVITY, CST_RULE_EQUAL_PARTIES,
                       CST_UNIT_SHARES, "Verksamhetsplan 2025");
    (void)r;
    cst_run_t *run = fx_run(&fx);
    cr_expect_eq(fx_share(run, P_OELEV), KR(1600));
    cst_run_destroy(&run);
}

/* ------------------------------------------------------------- no rules */

Test(rule_set_none, every_category_needs_a_local_rule)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    size_t c = ex_vg_familjecentral(&fx);
    fx.centres[c].rule_set = CST_RULE_SET_NONE;
    fx_item(&fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(1000), P_BVC, D(2025, 1, 1),
            D(2025, 1, 1));
    cst_error_t err = {0};
    cr_expect_eq(fx_run_status(&fx, &err), FC_FAILED_PRECONDITION);
    expect_text(err.message, "names no cost rules");
    fx_rule(&fx, c, CST_CATEGORY_COORDINATOR, CST_RULE_EQUAL_BASE, CST_UNIT_SHARES,
            "Lokalt samverkansavtal §9");
    cst_run_t *run = fx_run(&fx);
    cr_expect_eq(fx_share(run, P_SOC), KR(250));
    cst_run_destroy(&run);
}
