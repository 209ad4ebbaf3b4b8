/* Settlement runs: balances, netting per organisation, transfers, the
 * explanation finance reads, and output that does not depend on input order. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/costs/csv.h"
#include "fixtures.h"

#define KR(x) ((int64_t)(x) * 100)

static void two_regions(fx_t *fx)
{
    ex_orgs(fx);
    ex_vg_familjecentral(fx);
    ex_orebro(fx);
    fx_item(fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(600000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    fx_item(fx, 2, C_VG, CST_CATEGORY_PREMISES, KR(80000), P_BVC, D(2025, 1, 1),
            D(2025, 12, 31));
    fx_item(fx, 3, C_OREBRO, CST_CATEGORY_COORDINATOR, KR(240000), P_OSOC, D(2025, 1, 1),
            D(2025, 12, 31));
}

Test(settlement, balances_net_per_organisation_before_transfers)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    two_regions(&fx);
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    /* VG: coordinator 150 000 each, premises 20 000 each. BVC paid the
     * premises: 80 000 - 170 000; OFS paid the coordinator. */
    cr_expect_eq(fx_balance(run, P_BVC), KR(80000) - KR(170000));
    cr_expect_eq(fx_balance(run, P_OFS), KR(600000) - KR(170000));
    cr_expect_eq(fx_org_balance(run, ORG_VGR), KR(80000) - 2 * KR(170000));
    cr_expect_eq(fx_org_balance(run, ORG_GOTEBORG), KR(600000) - 2 * KR(170000));
    cr_expect_eq(fx_transfer(&run->ledger, ORG_VGR, ORG_GOTEBORG), KR(260000));
    cr_expect_eq(fx_transfer(&run->ledger, ORG_REGION_OREBRO, ORG_OREBRO), KR(120000));
    cr_expect_eq(run->ledger.n_transfers, 2);
    cr_expect(run->ledger.transfers_exact);
    cst_run_destroy(&run);
}

Test(settlement, explanation_names_rule_source_parties_days_and_transfers)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    two_regions(&fx);
    cst_run_t *run = fx_run(&fx);
    char *text = NULL;
    cst_error_t err = {0};
    cr_assert_eq(cst_run_explain(run, P_SOC, &text, &err), FC_OK, "%s", err.message);
    const char *want[] = {"Familjestöd Backa (Göteborgs kommun), year 2025-01-01..2025-12-31",
                          "balance -170 000,00 kr (to pay)",
                          "Item 1 (coordinator",
                          "1/4 = 150 000,00 kr. VG §14.1",
                          "(365 days)",
                          "Göteborgs kommun receives 260 000,00 kr from "
                          "Västra Götalandsregionen"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_expect_not_null(strstr(text, want[i]), "explanation lacks \"%s\":\n%s", want[i], text);
    free(text);
    cr_expect_eq(cst_run_explain(run, 999, &text, &err), FC_NOT_FOUND);
    cr_expect_null(text);
    cst_run_destroy(&run);
}

static char *csv_of(const cst_run_t *run, cst_csv_table_t table)
{
    char *out = NULL;
    size_t len = 0;
    cr_assert_eq(cst_csv_run(run, table, &out, &len, NULL), FC_OK);
    cr_assert_eq(strlen(out), len);
    return out;
}

Test(settlement, output_does_not_depend_on_input_order)
{
    fx_t a, b;
    fx_init(&a, cst_period_year(2025));
    two_regions(&a);
    b = a;
    /* Reverse every input array of b (pointers into b itself). */
    for (size_t i = 0; i < b.n_orgs / 2; i++) {
        cst_organisation_t t = b.orgs[i];
        b.orgs[i] = b.orgs[b.n_orgs - 1 - i];
        b.orgs[b.n_orgs - 1 - i] = t;
    }
    for (size_t i = 0; i < b.n_parties / 2; i++) {
        cst_party_t t = b.parties[i];
        b.parties[i] = b.parties[b.n_parties - 1 - i];
        b.parties[b.n_parties - 1 - i] = t;
    }
    for (size_t i = 0; i < b.n_items / 2; i++) {
        cst_item_t t = b.items[i];
        b.items[i] = b.items[b.n_items - 1 - i];
        b.items[b.n_items - 1 - i] = t;
    }
    cst_centre_t t = b.centres[0];
    b.centres[0] = b.centres[1];
    b.centres[1] = t;
    for (size_t c = 0; c < 2; c++) {
        b.centres[c].participations = b.parts[c == 0 ? 1 : 0];
        b.centres[c].local_rules = b.rules[c == 0 ? 1 : 0];
    }
    cst_run_t *ra = fx_run(&a), *rb = fx_run(&b);
    for (int table = CST_CSV_SHARES; table <= CST_CSV_TRANSFERS; table++) {
        char *ca = csv_of(ra, (cst_csv_table_t)table), *cb = csv_of(rb, (cst_csv_table_t)table);
        cr_expect_str_eq(ca, cb, "table %d differs", table);
        free(ca);
        free(cb);
    }
    cst_run_destroy(&ra);
    cst_run_destroy(&rb);
}

Test(settlement, quarters_add_up_to_the_items)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    two_regions(&fx);
    int64_t total = 0;
    for (int q = 1; q <= 4; q++) {
        fx.period = cst_period_quarter(2025, q);
        cst_run_t *run = fx_run(&fx);
        fx_check_invariants(run);
        for (size_t i = 0; i < run->n_items; i++)
            total += run->items[i].accrued;
        cst_run_destroy(&run);
    }
    cr_expect_eq(total, KR(600000) + KR(80000) + KR(240000));
}

Test(settlement, a_run_without_items_is_all_zero)
{
    fx_t fx;
    fx_init(&fx, cst_period_month(2025, 2));
    ex_orgs(&fx);
    ex_vg_familjecentral(&fx);
    cst_run_t *run = fx_run(&fx);
    cr_expect_eq(run->n_items, 0);
    cr_expect_eq(run->n_segments, 0);
    cr_expect_eq(run->ledger.n_transfers, 0);
    cr_expect_eq(run->ledger.n_parties, 4);
    cr_expect_eq(fx_balance(run, P_BVC), 0);
    cst_run_destroy(&run);
}

Test(settlement, credit_mirrors_the_charge_it_undoes)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    ex_vg_familjecentral(&fx);
    fx_item(&fx, 1, C_VG, CST_CATEGORY_PREMISES, 1000003, P_OFS, D(2025, 1, 1), D(2025, 12, 31));
    fx_item(&fx, 2, C_VG, CST_CATEGORY_PREMISES, -1000003, P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    for (size_t i = 0; i < run->ledger.n_parties; i++) {
        cr_expect_eq(run->ledger.parties[i].share, 0);
        cr_expect_eq(run->ledger.parties[i].balance, 0);
    }
    cr_expect_eq(cst_run_item_share(run, 1, P_BVC), -cst_run_item_share(run, 2, P_BVC));
    cr_expect_eq(run->ledger.n_transfers, 0);
    cst_run_destroy(&run);
}

Test(settlement, finalise_marks_the_run)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    two_regions(&fx);
    cst_run_t *run = fx_run(&fx);
    cr_expect_not(run->finalised);
    cst_run_finalise(run);
    cr_expect(run->finalised);
    cst_run_destroy(&run);
    cst_run_destroy(&run); /* NULL: a second destroy is harmless */
}
