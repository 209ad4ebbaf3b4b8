/* CSV as a Swedish spreadsheet reads it: checked by Python's csv module
 * (tests/costs/csv_check.py), not by the code that wrote it. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fcavtal/costs/csv.h"
#include "fixtures.h"

#define KR(x) ((int64_t)(x) * 100)

static cst_run_t *two_region_run(fx_t *fx)
{
    fx_init(fx, cst_period_year(2025));
    ex_orgs(fx);
    ex_vg_familjecentral(fx);
    ex_orebro(fx);
    fx_item(fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(600000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    fx_item(fx, 2, C_VG, CST_CATEGORY_PREMISES, KR(80000) + 1, P_BVC, D(2025, 1, 1),
            D(2025, 12, 31));
    fx_item(fx, 3, C_OREBRO, CST_CATEGORY_COORDINATOR, KR(240000), P_OSOC, D(2025, 1, 1),
            D(2025, 12, 31));
    fx->items[1].note = "Hyra; städning och \"larm\"\nkvartal 1-4";
    fx->items[1].reference = "=HYPERLINK(\"http://example.invalid\")";
    fx->items[2].reference = "-2025/17";
    return fx_run(fx);
}

/* Writes the table, reads it back with Python; returns the parsed JSON. */
static json_t *read_back(const char *bytes, size_t len, const char *table)
{
    char *path = fx_write_temp(".csv", bytes, len);
    char *out = NULL;
    int rc = fx_python("csv_check.py", path, table, &out);
    cr_assert_eq(rc, 0, "csv_check.py %s failed (%d): %s", table, rc, out);
    json_error_t jerr;
    json_t *j = json_loads(out, 0, &jerr);
    cr_assert_not_null(j, "not JSON: %s", out);
    unlink(path);
    free(path);
    free(out);
    return j;
}

static json_t *table_of(const cst_run_t *run, cst_csv_table_t t, const char *name)
{
    char *bytes = NULL;
    size_t len = 0;
    cr_assert_eq(cst_csv_run(run, t, &bytes, &len, NULL), FC_OK);
    cr_expect_eq(memcmp(bytes, "\xEF\xBB\xBF", 3), 0, "UTF-8 BOM first");
    json_t *j = read_back(bytes, len, name);
    free(bytes);
    return j;
}

static const char *total(json_t *j, const char *col)
{
    json_t *v = json_object_get(json_object_get(j, "totals"), col);
    cr_assert_not_null(v, "no total for %s", col);
    return json_string_value(v);
}

static const char *cell(json_t *j, size_t row, size_t col)
{
    return json_string_value(json_array_get(json_array_get(json_object_get(j, "rows"), row), col));
}

Test(csv, shares_add_up_per_item_and_read_with_decimal_comma)
{
    fx_t fx;
    cst_run_t *run = two_region_run(&fx);
    json_t *j = table_of(run, CST_CSV_SHARES, "shares");
    cr_expect_str_eq(total(j, "Andel"), "920000.01");
    cr_expect_str_eq(total(j, "Betalt"), "920000.01");
    cr_expect_str_eq(total(j, "Netto"), "0.00");
    /* 4 + 4 + 5 rows: every party of every item */
    cr_expect_eq(json_array_size(json_object_get(j, "rows")), 13);
    cr_expect_str_eq(cell(j, 0, 7), "BVC Backa");
    cr_expect_str_eq(cell(j, 0, 10), "150000,00");
    cr_expect_str_eq(cell(j, 0, 13), "VG §14.1");
    json_decref(j);
    cst_run_destroy(&run);
}

Test(csv, text_is_quoted_and_guarded_against_formulas)
{
    fx_t fx;
    cst_run_t *run = two_region_run(&fx);
    json_t *j = table_of(run, CST_CSV_SHARES, "shares");
    /* row 4 is item 2, BVC */
    cr_expect_str_eq(cell(j, 4, 6), "Hyra; städning och \"larm\"\r\nkvartal 1-4");
    cr_expect_str_eq(cell(j, 4, 5), "'=HYPERLINK(\"http://example.invalid\")");
    cr_expect_str_eq(cell(j, 8, 5), "'-2025/17");
    json_decref(j);
    cst_run_destroy(&run);
}

Test(csv, balances_add_up_to_zero)
{
    fx_t fx;
    cst_run_t *run = two_region_run(&fx);
    json_t *j = table_of(run, CST_CSV_BALANCES, "balances");
    cr_expect_str_eq(total(j, "Saldo"), "0.00");
    cr_expect_eq(json_array_size(json_object_get(j, "rows")), 9);
    cr_expect_str_eq(cell(j, 2, 2), "Öppna förskolan Backa");
    cr_expect_str_eq(cell(j, 2, 7), "430000,00");
    json_decref(j);
    cst_run_destroy(&run);
}

Test(csv, transfers_name_both_organisations)
{
    fx_t fx;
    cst_run_t *run = two_region_run(&fx);
    json_t *j = table_of(run, CST_CSV_TRANSFERS, "transfers");
    cr_assert_eq(json_array_size(json_object_get(j, "rows")), 2);
    cr_expect_str_eq(cell(j, 0, 2), "Västra Götalandsregionen");
    cr_expect_str_eq(cell(j, 0, 3), "232100-0131");
    cr_expect_str_eq(cell(j, 0, 5), "212000-1355");
    cr_expect_str_eq(cell(j, 0, 6), "260000,00");
    cr_expect_str_eq(cell(j, 1, 2), "Region Örebro län");
    cr_expect_str_eq(cell(j, 1, 6), "120000,00");
    json_decref(j);
    cst_run_destroy(&run);
}

Test(csv, refuses_an_unknown_table)
{
    fx_t fx;
    cst_run_t *run = two_region_run(&fx);
    char *bytes = (char *)1;
    size_t len = 5;
    cr_expect_eq(cst_csv_run(run, (cst_csv_table_t)9, &bytes, &len, NULL), FC_INVALID_ARGUMENT);
    cr_expect_null(bytes);
    cr_expect_eq(len, 0);
    cst_run_destroy(&run);
}
