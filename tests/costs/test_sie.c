/* SIE 4I per organisation, read back by an independent parser
 * (tests/costs/sie_check.py): CP437, #FORMAT PC8, #ORGNR, balanced vouchers. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fcavtal/costs/correction.h"
#include "fcavtal/costs/sie.h"
#include "fixtures.h"

#define KR(x) ((int64_t)(x) * 100)

static const cst_sie_meta_t meta = {"fcavtal", "0.1.0", {2025, 4, 5}, "ekonomi"};

static const cst_sie_object_t goteborg_ops[] = {{P_OFS, "4711", NULL},
                                                {P_SOC, "4712", "Familjestöd, Backa"}};

/* Göteborg's chart: an operation dimension (1, Kostnadsställe) and the
 * counterparty as an object of dimension 20. */
static cst_sie_accounts_t goteborg_accounts(void)
{
    cst_sie_accounts_t a = {0};
    a.cost_account[CST_CATEGORY_COORDINATOR] = 6991;
    a.cost_account_name[CST_CATEGORY_COORDINATOR] = "Samordnare familjecentral";
    a.cost_account[CST_CATEGORY_PREMISES] = 5010;
    a.cost_account_name[CST_CATEGORY_PREMISES] = "Lokalhyra, gemensamma ytor";
    a.cost_account[CST_CATEGORY_JOINT_ACTIVITY] = 6992;
    a.cost_account[CST_CATEGORY_OTHER] = 6993;
    a.receivable_account = 1681;
    a.receivable_account_name = "Fordran samverkansparter";
    a.payable_account = 2891;
    a.counterparty_dimension = 20;
    a.counterparty_dimension_name = "Motpart";
    a.operation_dimension = 1;
    a.operation_dimension_name = "Kostnadsställe";
    a.operation_objects = goteborg_ops;
    a.n_operation_objects = 2;
    a.voucher_series = "F";
    a.voucher_number = 0;
    return a;
}

static cst_run_t *vg_run(fx_t *fx)
{
    fx_init(fx, cst_period_year(2025));
    ex_orgs(fx);
    ex_vg_familjecentral(fx);
    fx_item(fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(600000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    fx_item(fx, 2, C_VG, CST_CATEGORY_PREMISES, KR(80000), P_BVC, D(2025, 1, 1),
            D(2025, 12, 31));
    return fx_run(fx);
}

static json_t *check_file(const char *bytes, size_t len, const char *orgnr)
{
    char *path = fx_write_temp(".si", bytes, len);
    char *out = NULL;
    int rc = fx_python("sie_check.py", path, orgnr, &out);
    cr_assert_eq(rc, 0, "sie_check.py failed (%d): %s", rc, out);
    json_error_t jerr;
    json_t *j = json_loads(out, 0, &jerr);
    cr_assert_not_null(j, "not JSON: %s", out);
    unlink(path);
    free(path);
    free(out);
    return j;
}

static char *sie(const cst_run_t *run, uint64_t org, const cst_sie_accounts_t *acc, size_t *len)
{
    char *bytes = NULL;
    cst_error_t err = {0};
    cr_assert_eq(cst_sie_run(run, org, acc, &meta, &bytes, len, &err), FC_OK, "%s", err.message);
    return bytes;
}

static json_t *rows_of(json_t *j)
{
    json_t *v = json_object_get(j, "vouchers");
    cr_assert_eq(json_array_size(v), 1);
    return json_object_get(json_array_get(v, 0), "rows");
}

static const char *row_field(json_t *rows, size_t i, const char *f)
{
    return json_string_value(json_object_get(json_array_get(rows, i), f));
}

Test(sie, municipality_books_its_side_per_operation)
{
    fx_t fx;
    cst_run_t *run = vg_run(&fx);
    cst_sie_accounts_t acc = goteborg_accounts();
    size_t len = 0;
    char *bytes = sie(run, ORG_GOTEBORG, &acc, &len);
    json_t *j = check_file(bytes, len, "212000-1355");
    cr_expect_str_eq(json_string_value(json_object_get(j, "fnamn")), "Göteborgs kommun");
    json_t *rows = rows_of(j);
    /* coordinator: OFS 150 000 - 600 000, SOC 150 000; premises 20 000 each;
     * 260 000 to receive from VGR. */
    cr_assert_eq(json_array_size(rows), 5);
    cr_expect_str_eq(row_field(rows, 0, "account"), "6991");
    cr_expect_str_eq(row_field(rows, 0, "amount"), "-450000.00");
    cr_expect_str_eq(row_field(rows, 1, "amount"), "150000.00");
    cr_expect_str_eq(row_field(rows, 2, "account"), "5010");
    cr_expect_str_eq(row_field(rows, 4, "account"), "1681");
    cr_expect_str_eq(row_field(rows, 4, "amount"), "260000.00");
    cr_expect_str_eq(row_field(rows, 4, "text"), "Att få från Västra Götalandsregionen");
    json_t *obj = json_object_get(json_array_get(rows, 4), "objects");
    cr_expect_str_eq(json_string_value(json_array_get(json_array_get(obj, 0), 1)),
                     "232100-0131");
    json_t *objekt = json_object_get(j, "objekt");
    cr_expect_str_eq(json_string_value(json_object_get(objekt, "20:232100-0131")),
                     "Västra Götalandsregionen");
    cr_expect_str_eq(json_string_value(json_object_get(objekt, "1:4712")), "Familjestöd, Backa");
    cr_expect_str_eq(json_string_value(json_object_get(json_object_get(j, "konto"), "5010")),
                     "Lokalhyra, gemensamma ytor");
    json_t *v0 = json_array_get(json_object_get(j, "vouchers"), 0);
    cr_expect_str_eq(json_string_value(json_object_get(v0, "date")), "20251231");
    cr_expect_str_eq(json_string_value(json_object_get(v0, "series")), "F");
    cr_expect_str_eq(json_string_value(json_object_get(v0, "number")), "");
    cr_expect_str_eq(json_string_value(json_array_get(json_object_get(j, "gen"), 0)),
                     "20250405");
    /* CP437: "ö" is 0x94, never UTF-8's 0xC3 0xB6 */
    cr_expect_not_null(memchr(bytes, 0x94, len));
    for (size_t i = 0; i + 1 < len; i++)
        cr_expect_not(bytes[i] == '\xC3' && bytes[i + 1] == '\xB6', "UTF-8 in a CP437 file");
    json_decref(j);
    free(bytes);
    cst_run_destroy(&run);
}

Test(sie, region_books_per_category_without_objects_for_operations)
{
    fx_t fx;
    cst_run_t *run = vg_run(&fx);
    cst_sie_accounts_t acc = goteborg_accounts();
    acc.operation_dimension = 0;
    acc.voucher_number = 17;
    size_t len = 0;
    char *bytes = sie(run, ORG_VGR, &acc, &len);
    json_t *j = check_file(bytes, len, "232100-0131");
    json_t *rows = rows_of(j);
    /* coordinator 300 000; premises 40 000 - 80 000; pays 260 000. */
    cr_assert_eq(json_array_size(rows), 3);
    cr_expect_str_eq(row_field(rows, 0, "amount"), "300000.00");
    cr_expect_str_eq(row_field(rows, 1, "amount"), "-40000.00");
    cr_expect_str_eq(row_field(rows, 2, "account"), "2891");
    cr_expect_str_eq(row_field(rows, 2, "amount"), "-260000.00");
    cr_expect_str_eq(row_field(rows, 2, "text"), "Att betala till Göteborgs kommun");
    json_t *v0 = json_array_get(json_object_get(j, "vouchers"), 0);
    cr_expect_str_eq(json_string_value(json_object_get(v0, "number")), "17");
    json_decref(j);
    free(bytes);
    cst_run_destroy(&run);
}

Test(sie, same_run_same_bytes)
{
    fx_t fx;
    cst_run_t *run = vg_run(&fx);
    cst_sie_accounts_t acc = goteborg_accounts();
    size_t l1, l2;
    char *a = sie(run, ORG_GOTEBORG, &acc, &l1), *b = sie(run, ORG_GOTEBORG, &acc, &l2);
    cr_assert_eq(l1, l2);
    cr_expect_eq(memcmp(a, b, l1), 0);
    free(a);
    free(b);
    cst_run_destroy(&run);
}

Test(sie, characters_outside_cp437_are_transliterated)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    ex_vg_familjecentral(&fx);
    fx.orgs[1].name = "Göteborgs kommun – Stadsdel “Nordost”";
    fx_item(&fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(1000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    cst_sie_accounts_t acc = goteborg_accounts();
    size_t len;
    char *bytes = sie(run, ORG_GOTEBORG, &acc, &len);
    json_t *j = check_file(bytes, len, "212000-1355");
    cr_expect_str_eq(json_string_value(json_object_get(j, "fnamn")),
                     "Göteborgs kommun - Stadsdel \"Nordost\"");
    json_decref(j);
    free(bytes);
    cst_run_destroy(&run);
}

Test(sie, correction_books_only_the_difference)
{
    fx_t fx;
    cst_run_t *before = vg_run(&fx);
    cst_run_finalise(before);
    fx_item(&fx, 3, C_VG, CST_CATEGORY_JOINT_ACTIVITY, KR(4000), P_SOC, D(2025, 6, 1),
            D(2025, 6, 1));
    cst_run_t *after = fx_run(&fx);
    cst_correction_t *corr = NULL;
    cr_assert_eq(cst_correction_new(before, after, &corr, NULL), FC_OK);
    cst_sie_accounts_t acc = goteborg_accounts();
    char *bytes = NULL;
    size_t len = 0;
    cr_assert_eq(cst_sie_correction(corr, ORG_GOTEBORG, &acc, &meta, &bytes, &len, NULL), FC_OK);
    json_t *j = check_file(bytes, len, "212000-1355");
    json_t *rows = rows_of(j);
    /* joint activity 1 000 each: OFS +1 000, SOC 1 000 - 4 000; VGR owes 2 000 */
    cr_assert_eq(json_array_size(rows), 3);
    cr_expect_str_eq(row_field(rows, 0, "account"), "6992");
    cr_expect_str_eq(row_field(rows, 0, "amount"), "1000.00");
    cr_expect_str_eq(row_field(rows, 1, "amount"), "-3000.00");
    cr_expect_str_eq(row_field(rows, 2, "amount"), "2000.00");
    json_t *v0 = json_array_get(json_object_get(j, "vouchers"), 0);
    cr_expect_not_null(strstr(json_string_value(json_object_get(v0, "text")), "Korrigering"));
    json_decref(j);
    free(bytes);
    cst_correction_destroy(&corr);
    cst_run_destroy(&before);
    cst_run_destroy(&after);
}

Test(sie, refuses_missing_accounts_objects_and_unknown_organisations)
{
    fx_t fx;
    cst_run_t *run = vg_run(&fx);
    char *bytes = (char *)1;
    size_t len = 7;
    cst_error_t err = {0};
    cst_sie_accounts_t acc = goteborg_accounts();
    acc.cost_account[CST_CATEGORY_PREMISES] = 0;
    cr_expect_eq(cst_sie_run(run, ORG_GOTEBORG, &acc, &meta, &bytes, &len, &err),
                 FC_INVALID_ARGUMENT);
    cr_expect_null(bytes);
    cr_expect_eq(len, 0);
    cr_expect_str_eq(err.field, "accounts.cost_account");

    acc = goteborg_accounts();
    acc.n_operation_objects = 1; /* SOC has no object */
    cr_expect_eq(cst_sie_run(run, ORG_GOTEBORG, &acc, &meta, &bytes, &len, &err),
                 FC_INVALID_ARGUMENT);
    cr_expect_not_null(strstr(err.message, "Familjestöd Backa"));

    acc = goteborg_accounts();
    acc.receivable_account = 0;
    cr_expect_eq(cst_sie_run(run, ORG_GOTEBORG, &acc, &meta, &bytes, &len, &err),
                 FC_INVALID_ARGUMENT);
    acc = goteborg_accounts();
    acc.operation_dimension = 20;
    cr_expect_eq(cst_sie_run(run, ORG_GOTEBORG, &acc, &meta, &bytes, &len, &err),
                 FC_INVALID_ARGUMENT);

    acc = goteborg_accounts();
    cr_expect_eq(cst_sie_run(run, ORG_REGION_OREBRO, &acc, &meta, &bytes, &len, &err),
                 FC_NOT_FOUND);
    cst_sie_meta_t bad = meta;
    bad.generated = (fc_date_t){2025, 2, 30};
    cr_expect_eq(cst_sie_run(run, ORG_GOTEBORG, &acc, &bad, &bytes, &len, &err),
                 FC_INVALID_ARGUMENT);
    cr_expect_null(bytes);
    cst_run_destroy(&run);
}

Test(sie, refuses_text_that_is_not_utf8)
{
    fx_t fx;
    fx_init(&fx, cst_period_year(2025));
    ex_orgs(&fx);
    ex_vg_familjecentral(&fx);
    fx.parties[3].name = "Familjest\xF6" "d"; /* Latin-1 ö */
    fx_item(&fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(1000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
    cst_run_t *run = fx_run(&fx);
    cst_sie_accounts_t acc = goteborg_accounts();
    char *bytes = NULL;
    size_t len = 0;
    cst_error_t err = {0};
    cr_expect_eq(cst_sie_run(run, ORG_GOTEBORG, &acc, &meta, &bytes, &len, &err),
                 FC_INVALID_ARGUMENT);
    cr_expect_not_null(strstr(err.message, "UTF-8"));
    cr_expect_null(bytes);
    cst_run_destroy(&run);
}
