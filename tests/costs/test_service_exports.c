/* CSV and SIE exports of stored runs, fetched chunk by chunk over ZeroMQ
 * and read back by the independent parsers (csv_check.py, sie_check.py):
 * Swedish CSV, CP437 SIE 4I with balanced vouchers and the organisation's
 * number, and the chart of accounts finance configured, not a built-in one. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fixtures.h"
#include "service_fixture.h"

static sf_t F;
static rc_world_t W;
static uint64_t C, RUN;
static char dir[64];

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "2"), 0);
    cr_assert_eq(rc_world(&F.reg, &W), 0);
    C = sf_backa(&F, &W);
    cr_assert(C, "the centre did not reach costs");
    cr_assert(sf_item(&F, C, SF_CAT(COORDINATOR), 60000000, 0, "2025-01-01", "2025-12-31"));
    cr_assert(sf_item(&F, C, SF_CAT(PREMISES), 8000000, W.ofs, "2025-01-01", "2025-12-31"));
    sf_rep_t *rep = sf_run(&F, "year", 2025, 0, &C, 1, NULL);
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "no reply");
    RUN = rep->run->id;
    sf_free(rep);
    snprintf(dir, sizeof dir, "/tmp/fcavtal-exports-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    sf_cleanup(&F);
}

TestSuite(costs_exports, .init = setup, .fini = teardown, .timeout = 120);

static void set_chart(uint64_t org, int dim_operation)
{
    Fcavtal__V1__SieCostAccount a1 = FCAVTAL__V1__SIE_COST_ACCOUNT__INIT,
                                a2 = FCAVTAL__V1__SIE_COST_ACCOUNT__INIT;
    a1.category = SF_CAT(COORDINATOR);
    a1.account = 6991;
    a1.name = "Samordnare familjecentral";
    a2.category = SF_CAT(PREMISES);
    a2.account = 5010;
    a2.name = "Lokalhyra, gemensamma ytor";
    Fcavtal__V1__SieCostAccount a3 = FCAVTAL__V1__SIE_COST_ACCOUNT__INIT;
    a3.category = SF_CAT(JOINT_ACTIVITY);
    a3.account = 6993;
    a3.name = "Gemensamma aktiviteter";
    Fcavtal__V1__SieCostAccount *acc[] = {&a1, &a2, &a3};
    Fcavtal__V1__SieObject o1 = FCAVTAL__V1__SIE_OBJECT__INIT, o2 = FCAVTAL__V1__SIE_OBJECT__INIT;
    o1.id = org == W.muni ? W.ofs : W.bhv;
    o1.code = "4711";
    o2.id = org == W.muni ? W.soc : W.mhv;
    o2.code = "4712";
    Fcavtal__V1__SieObject *objs[] = {&o1, &o2};
    Fcavtal__V1__ChartOfAccounts ch = FCAVTAL__V1__CHART_OF_ACCOUNTS__INIT;
    ch.organisation_id = org;
    ch.cost_accounts = acc;
    ch.n_cost_accounts = 3;
    ch.receivable_account = 1681;
    ch.receivable_account_name = "Fordran samverkansparter";
    ch.payable_account = 2891;
    ch.payable_account_name = "Skuld samverkansparter";
    ch.counterparty_dimension = 20;
    ch.counterparty_dimension_name = "Motpart";
    ch.operation_dimension = dim_operation;
    ch.operation_dimension_name = "Kostnadsställe";
    ch.operation_objects = objs;
    ch.n_operation_objects = dim_operation ? 2 : 0;
    Fcavtal__V1__SetChartOfAccounts set = FCAVTAL__V1__SET_CHART_OF_ACCOUNTS__INIT;
    set.chart = &ch;
    sf_rep_t *rep = sf_call(&F, "set_chart_of_accounts", &set.base, NULL);
    cr_assert(rep && rep->status->code == 0, "chart: %s", rep ? rep->status->message : "none");
    sf_free(rep);
}

static char *checked(const char *script, const char *path, const char *arg)
{
    char *out = NULL;
    int rc = fx_python(script, path, arg, &out);
    cr_assert_eq(rc, 0, "%s %s failed (%d): %s", script, arg, rc, out);
    return out;
}

static char *export_csv(uint64_t run, Fcavtal__V1__CsvTable table, const char *name)
{
    Fcavtal__V1__ExportCsv q = FCAVTAL__V1__EXPORT_CSV__INIT;
    q.run_id = run;
    q.table = table;
    char *path = malloc(128);
    snprintf(path, 128, "%s/%s.csv", dir, name);
    cr_assert_gt(sf_export(&F, "export_csv", &q.base, path), 0);
    return path;
}

static char *export_sie(uint64_t run, uint64_t org, const char *name)
{
    Fcavtal__V1__Date gen = rc_date("2026-01-15");
    Fcavtal__V1__ExportSie q = FCAVTAL__V1__EXPORT_SIE__INIT;
    q.run_id = run;
    q.organisation_id = org;
    q.generated = &gen;
    char *path = malloc(128);
    snprintf(path, 128, "%s/%s.si", dir, name);
    cr_assert_gt(sf_export(&F, "export_sie", &q.base, path), 0);
    return path;
}

Test(costs_exports, csv_tables_read_back_in_the_swedish_dialect)
{
    struct { Fcavtal__V1__CsvTable t; const char *name; const char *total; } tables[] = {
        {FCAVTAL__V1__CSV_TABLE__CSV_TABLE_SHARES, "shares", "\"Andel\": \"680000.00\""},
        {FCAVTAL__V1__CSV_TABLE__CSV_TABLE_BALANCES, "balances", "\"Saldo\": \"0.00\""},
        {FCAVTAL__V1__CSV_TABLE__CSV_TABLE_TRANSFERS, "transfers", "\"Belopp\": \"340000.00\""},
    };
    for (size_t i = 0; i < 3; i++) {
        char *path = export_csv(RUN, tables[i].t, tables[i].name);
        char *out = checked("csv_check.py", path, tables[i].name);
        cr_expect(strstr(out, tables[i].total), "%s: %s", tables[i].name, out);
        const char *name = i < 2 ? "Öppna förskolan Centrum" : "Göteborgs kommun";
        cr_expect(strstr(out, name), "names in UTF-8: %s", out);
        free(out);
        free(path);
    }
    /* A settlement has no differences. */
    Fcavtal__V1__ExportCsv q = FCAVTAL__V1__EXPORT_CSV__INIT;
    q.run_id = RUN;
    q.table = FCAVTAL__V1__CSV_TABLE__CSV_TABLE_DIFFERENCES;
    sf_rep_t *rep = sf_call(&F, "export_csv", &q.base, NULL);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION));
    sf_free(rep);
}

Test(costs_exports, sie_per_organisation_with_its_chart)
{
    /* Without a chart there is no file: nothing is hard-coded. */
    Fcavtal__V1__ExportSie q = FCAVTAL__V1__EXPORT_SIE__INIT;
    q.run_id = RUN;
    q.organisation_id = W.muni;
    sf_rep_t *rep = sf_call(&F, "export_sie", &q.base, NULL);
    cr_expect_eq(rep->status->code, SF_CODE(FAILED_PRECONDITION), "%s", rep->status->message);
    sf_free(rep);

    set_chart(W.muni, 1);
    set_chart(W.region, 0);
    char *path = export_sie(RUN, W.muni, "muni");
    char *out = checked("sie_check.py", path, "212000-1355");
    cr_expect(strstr(out, "\"fnamn\": \"Göteborgs kommun\""), "%s", out);
    /* The municipality receives 340 000 kr from the region, on its
     * receivable account, with the region as counterparty. */
    cr_expect(strstr(out, "\"account\": \"1681\", \"objects\": [[\"20\", \"232100-0131\"]], "
                          "\"amount\": \"340000.00\""), "%s", out);
    cr_expect(strstr(out, "[\"1\", \"4711\"]"), "the own operation as object: %s", out);
    free(out);
    free(path);
    path = export_sie(RUN, W.region, "region");
    out = checked("sie_check.py", path, "232100-0131");
    cr_expect(strstr(out, "\"account\": \"2891\""), "the region pays: %s", out);
    cr_expect(strstr(out, "\"amount\": \"-340000.00\""), "%s", out);
    /* The file is CP437: "ö" is byte 0x94, never UTF-8's 0xC3 0xB6. */
    FILE *fp = fopen(path, "rb");
    cr_assert_not_null(fp);
    char bytes[8192];
    size_t n = fread(bytes, 1, sizeof bytes - 1, fp);
    fclose(fp);
    bytes[n] = '\0';
    cr_expect(strstr(bytes, "G\x94teborgs"), "CP437 text");
    cr_expect(!strstr(bytes, "\xc3\xb6"), "no UTF-8 left");
    free(out);
    free(path);
}

Test(costs_exports, correction_exports_the_differences)
{
    set_chart(W.muni, 0);
    sf_rep_t *rep = sf_action(&F, "finalise_run", RUN);
    cr_assert(rep && rep->status->code == 0);
    sf_free(rep);
    cr_assert(sf_item(&F, C, SF_CAT(JOINT_ACTIVITY), 1200000, W.soc, "2025-05-01", "2025-05-31"));
    rep = sf_run(&F, "year", 2025, 0, &C, 1, NULL);
    cr_assert(rep && rep->status->code == 0, "%s", rep ? rep->status->message : "none");
    cr_assert_eq(rep->run->kind, FCAVTAL__V1__RUN_KIND__RUN_KIND_CORRECTION);
    uint64_t corr = rep->run->id;
    sf_free(rep);
    char *path = export_csv(corr, FCAVTAL__V1__CSV_TABLE__CSV_TABLE_DIFFERENCES, "diff");
    char *out = checked("csv_check.py", path, "differences");
    cr_expect(strstr(out, "\"Skillnad\": \"0.00\""), "%s", out);
    free(out);
    free(path);
    path = export_csv(corr, FCAVTAL__V1__CSV_TABLE__CSV_TABLE_TRANSFERS, "corr-transfers");
    out = checked("csv_check.py", path, "transfers");
    /* 12 000 kr paid by SOC, a quarter each: the region owes 6 000 kr. */
    cr_expect(strstr(out, "\"Belopp\": \"6000.00\""), "%s", out);
    free(out);
    free(path);
    path = export_sie(corr, W.muni, "corr-muni");
    out = checked("sie_check.py", path, "212000-1355");
    cr_expect(strstr(out, "Korrigering"), "%s", out);
    cr_expect(strstr(out, "\"amount\": \"6000.00\""), "%s", out);
    free(out);
    free(path);
}
