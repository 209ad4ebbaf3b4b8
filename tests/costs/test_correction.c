/* Correcting a finalised run settles only the differences. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fcavtal/costs/correction.h"
#include "fcavtal/costs/csv.h"
#include "fixtures.h"

#define KR(x) ((int64_t)(x) * 100)

static void vg(fx_t *fx)
{
    fx_init(fx, cst_period_quarter(2025, 2));
    ex_orgs(fx);
    ex_vg_familjecentral(fx);
    fx_item(fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(120000), P_OFS, D(2025, 4, 1),
            D(2025, 6, 30));
}

static const cst_party_line_t *diff_of(const cst_correction_t *c, uint64_t party, size_t *ix)
{
    ptrdiff_t i = cst_ledger_party(&c->difference, party);
    cr_assert_geq(i, 0);
    *ix = (size_t)i;
    return &c->difference.parties[i];
}

Test(correction, late_invoice_is_settled_by_the_difference_alone)
{
    fx_t fx;
    vg(&fx);
    cst_run_t *before = fx_run(&fx);
    cst_run_finalise(before);
    /* A premises invoice for the quarter arrives after finalisation. */
    fx_item(&fx, 2, C_VG, CST_CATEGORY_PREMISES, KR(40000), P_BVC, D(2025, 4, 1), D(2025, 6, 30));
    cst_run_t *after = fx_run(&fx);
    cst_correction_t *c = NULL;
    cst_error_t err = {0};
    cr_assert_eq(cst_correction_new(before, after, &c, &err), FC_OK, "%s", err.message);
    size_t ix;
    const cst_party_line_t *bvc = diff_of(c, P_BVC, &ix);
    cr_expect_eq(bvc->share, KR(10000));
    cr_expect_eq(bvc->paid, KR(40000));
    cr_expect_eq(bvc->balance, KR(30000));
    cr_expect_eq(c->lines[ix].balance_before, -KR(30000));
    cr_expect_eq(c->lines[ix].balance_after, 0);
    cr_expect_eq(diff_of(c, P_OFS, &ix)->balance, -KR(10000));
    /* Göteborg owes VGR 20 000 for the invoice; nothing else moves. */
    fx_check_ledger(&c->difference);
    cr_assert_eq(c->difference.n_transfers, 1);
    cr_expect_eq(fx_transfer(&c->difference, ORG_GOTEBORG, ORG_VGR), KR(20000));
    cst_correction_destroy(&c);
    cr_expect_null(c);
    cst_run_destroy(&before);
    cst_run_destroy(&after);
}

Test(correction, withdrawn_item_reverses_its_transfers)
{
    fx_t fx;
    vg(&fx);
    cst_run_t *before = fx_run(&fx);
    cst_run_finalise(before);
    fx.n_items = 0;
    cst_run_t *after = fx_run(&fx);
    cst_correction_t *c = NULL;
    cr_assert_eq(cst_correction_new(before, after, &c, NULL), FC_OK);
    /* Before: VGR paid Göteborg 60 000. The correction pays it back. */
    cr_expect_eq(fx_transfer(&before->ledger, ORG_VGR, ORG_GOTEBORG), KR(60000));
    cr_expect_eq(fx_transfer(&c->difference, ORG_GOTEBORG, ORG_VGR), KR(60000));
    fx_check_ledger(&c->difference);
    cst_correction_destroy(&c);
    cst_run_destroy(&before);
    cst_run_destroy(&after);
}

Test(correction, party_joining_late_appears_in_the_difference)
{
    fx_t fx;
    vg(&fx);
    cst_run_t *before = fx_run(&fx);
    cst_run_finalise(before);
    fx_party(&fx, P_LIB, "Sagostund", CST_OP_OTHER, ORG_LIBRARY);
    fx_join(&fx, 0, P_LIB, D(2025, 4, 1), D(0, 0, 0));
    size_t r = fx_rule(&fx, 0, CST_CATEGORY_JOINT_ACTIVITY, CST_RULE_EQUAL_PARTIES,
                       CST_UNIT_SHARES, "Verksamhetsplan 2025");
    (void)r;
    fx_item(&fx, 2, C_VG, CST_CATEGORY_JOINT_ACTIVITY, KR(5000), P_SOC, D(2025, 5, 1),
            D(2025, 5, 1));
    cst_run_t *after = fx_run(&fx);
    cst_correction_t *c = NULL;
    cr_assert_eq(cst_correction_new(before, after, &c, NULL), FC_OK);
    size_t ix;
    cr_expect_eq(diff_of(c, P_LIB, &ix)->share, KR(1000));
    cr_expect_eq(c->lines[ix].share_before, 0);
    cr_expect_eq(fx_transfer(&c->difference, ORG_LIBRARY, ORG_GOTEBORG), KR(1000));
    fx_check_ledger(&c->difference);
    cst_correction_destroy(&c);
    cst_run_destroy(&before);
    cst_run_destroy(&after);
}

Test(correction, differences_read_back_as_csv)
{
    fx_t fx;
    vg(&fx);
    cst_run_t *before = fx_run(&fx);
    cst_run_finalise(before);
    fx.items[0].amount = KR(120000) + 3;
    cst_run_t *after = fx_run(&fx);
    cst_correction_t *c = NULL;
    cr_assert_eq(cst_correction_new(before, after, &c, NULL), FC_OK);
    const cst_csv_correction_table_t tables[] = {CST_CSV_DIFFERENCES,
                                                 CST_CSV_CORRECTION_TRANSFERS};
    const char *names[] = {"differences", "transfers"};
    for (size_t t = 0; t < 2; t++) {
        char *bytes = NULL, *out = NULL;
        size_t len = 0;
        cr_assert_eq(cst_csv_correction(c, tables[t], &bytes, &len, NULL), FC_OK);
        char *path = fx_write_temp(".csv", bytes, len);
        int rc = fx_python("csv_check.py", path, names[t], &out);
        cr_expect_eq(rc, 0, "%s: %s", names[t], out);
        if (t == 0) {
            json_t *j = json_loads(out, 0, NULL);
            cr_assert_not_null(j);
            cr_expect_str_eq(
                json_string_value(json_object_get(json_object_get(j, "totals"), "Skillnad")),
                "0.00");
            json_decref(j);
        }
        unlink(path);
        free(path);
        free(out);
        free(bytes);
    }
    cst_correction_destroy(&c);
    cst_run_destroy(&before);
    cst_run_destroy(&after);
}

Test(correction, refuses_a_draft_another_period_or_a_moved_party)
{
    fx_t fx;
    vg(&fx);
    cst_run_t *draft = fx_run(&fx);
    cst_run_t *again = fx_run(&fx);
    cst_correction_t *c = (cst_correction_t *)1;
    cst_error_t err = {0};
    cr_expect_eq(cst_correction_new(draft, again, &c, &err), FC_FAILED_PRECONDITION);
    cr_expect_null(c);
    cr_expect_not_null(strstr(err.message, "finalised"));

    cst_run_finalise(draft);
    fx.period = cst_period_quarter(2025, 3);
    fx.items[0].from = D(2025, 7, 1);
    fx.items[0].to = D(2025, 9, 30);
    cst_run_t *other = fx_run(&fx);
    cr_expect_eq(cst_correction_new(draft, other, &c, &err), FC_FAILED_PRECONDITION);
    cr_expect_not_null(strstr(err.message, "same period"));

    vg(&fx);
    fx.parties[3].organisation = ORG_VGR; /* SOC moved to the region */
    cst_run_t *moved = fx_run(&fx);
    cr_expect_eq(cst_correction_new(draft, moved, &c, &err), FC_FAILED_PRECONDITION);
    cr_expect_not_null(strstr(err.message, "another organisation"));
    cr_expect_null(c);
    /* The finalised run is untouched by the refusals. */
    cr_expect(draft->finalised);
    cr_expect_eq(fx_balance(draft, P_OFS), KR(90000));
    cst_run_destroy(&draft);
    cst_run_destroy(&again);
    cst_run_destroy(&other);
    cst_run_destroy(&moved);
}
