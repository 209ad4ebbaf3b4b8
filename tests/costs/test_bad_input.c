/* Bad input gets a clear status naming the field, and no run. */
#include <criterion/criterion.h>
#include <string.h>

#include "fixtures.h"

#define KR(x) ((int64_t)(x) * 100)

static void base(fx_t *fx)
{
    fx_init(fx, cst_period_year(2025));
    ex_orgs(fx);
    ex_vg_familjecentral(fx);
    fx_item(fx, 1, C_VG, CST_CATEGORY_COORDINATOR, KR(600000), P_OFS, D(2025, 1, 1),
            D(2025, 12, 31));
}

static void shares_rule(fx_t *fx, int64_t w1, int64_t w2, cst_weight_unit_t unit)
{
    size_t r = fx_rule(fx, 0, CST_CATEGORY_PREMISES, CST_RULE_FIXED_SHARES, unit, "Lokalt §15");
    fx_weight(fx, 0, r, P_BVC, w1);
    fx_weight(fx, 0, r, P_OFS, w2);
}

static void negative_weight(fx_t *fx) { shares_rule(fx, -1, 3, CST_UNIT_SHARES); }
static void weights_overflow(fx_t *fx) { shares_rule(fx, INT64_MAX, INT64_MAX, CST_UNIT_SHARES); }
static void percent_not_100(fx_t *fx) { shares_rule(fx, 5000, 4000, CST_UNIT_BASIS_POINTS); }
static void permille_not_1000(fx_t *fx) { shares_rule(fx, 500, 400, CST_UNIT_PERMILLE); }
static void all_weights_zero(fx_t *fx) { shares_rule(fx, 0, 0, CST_UNIT_SQUARE_METRES); }

static void paid_overflows(fx_t *fx)
{
    fx_item(fx, 2, C_VG, CST_CATEGORY_PREMISES, INT64_MAX, P_OFS, D(2025, 1, 1), D(2025, 12, 31));
    fx_item(fx, 3, C_VG, CST_CATEGORY_OTHER, INT64_MAX, P_OFS, D(2025, 1, 1), D(2025, 12, 31));
}

static void shares_overflow(fx_t *fx)
{
    /* paid by different parties, so the payments fit but the shares do not */
    fx_item(fx, 2, C_VG, CST_CATEGORY_PREMISES, INT64_MIN, P_OFS, D(2025, 1, 1), D(2025, 1, 1));
    fx_item(fx, 3, C_VG, CST_CATEGORY_OTHER, INT64_MIN, P_BVC, D(2025, 1, 1), D(2025, 1, 1));
    fx_item(fx, 4, C_VG, CST_CATEGORY_OTHER, INT64_MIN, P_BMM, D(2025, 1, 1), D(2025, 1, 1));
    fx_item(fx, 5, C_VG, CST_CATEGORY_OTHER, INT64_MIN, P_SOC, D(2025, 1, 1), D(2025, 1, 1));
    fx_item(fx, 6, C_VG, CST_CATEGORY_OTHER, INT64_MIN, P_SOC, D(2025, 1, 1), D(2025, 1, 1));
}

static void period_inverted(fx_t *fx)
{
    fx->period = (cst_period_t){CST_PERIOD_CUSTOM, D(2025, 12, 31), D(2025, 1, 1)};
}

static void period_not_a_month(fx_t *fx)
{
    fx->period = (cst_period_t){CST_PERIOD_MONTH, D(2025, 1, 1), D(2025, 2, 28)};
}

static void item_inverted(fx_t *fx)
{
    fx->items[0].from = D(2025, 6, 1);
    fx->items[0].to = D(2025, 5, 31);
}

static void item_date_missing(fx_t *fx) { fx->items[0].to = D(2025, 2, 30); }
static void item_outside_period(fx_t *fx)
{
    fx->items[0].from = D(2024, 1, 1);
    fx->items[0].to = D(2024, 12, 31);
}

static void unknown_payer(fx_t *fx) { fx->items[0].paid_by = 999; }
static void payer_not_in_centre(fx_t *fx)
{
    fx_party(fx, 77, "Tandvården", CST_OP_OTHER, ORG_VGR);
    fx->items[0].paid_by = 77;
}
static void unknown_centre(fx_t *fx) { fx->items[0].centre = 999; }
static void unknown_participant(fx_t *fx) { fx_join(fx, 0, 999, D(2025, 1, 1), D(0, 0, 0)); }
static void unknown_organisation(fx_t *fx) { fx->parties[0].organisation = 999; }
static void weight_for_outsider(fx_t *fx)
{
    fx_party(fx, 77, "Tandvården", CST_OP_OTHER, ORG_VGR);
    size_t r = fx_rule(fx, 0, CST_CATEGORY_PREMISES, CST_RULE_FIXED_SHARES, CST_UNIT_SHARES, "x");
    fx_weight(fx, 0, r, 77, 1);
}

static void no_participants(fx_t *fx) { fx->centres[0].n_participations = 0; }
static void nobody_on_some_days(fx_t *fx)
{
    /* Everyone joins in 2024-09 except: BVC leaves, and the rest leave too
     * before the year ends, leaving December without a base operation. */
    for (size_t i = 0; i < 4; i++) {
        fx->parts[0][i].has_left = true;
        fx->parts[0][i].left = D(2025, 11, 30);
    }
}

static void duplicate_party(fx_t *fx) { fx_party(fx, P_BVC, "BVC igen", CST_OP_BHV, ORG_VGR); }
static void zero_key(fx_t *fx) { fx->orgs[0].key = 0; }
static void duplicate_item(fx_t *fx)
{
    fx_item(fx, 1, C_VG, CST_CATEGORY_PREMISES, 1, P_OFS, D(2025, 1, 1), D(2025, 1, 1));
}

static void rule_without_source(fx_t *fx)
{
    fx_rule(fx, 0, CST_CATEGORY_PREMISES, CST_RULE_EQUAL_BASE, CST_UNIT_SHARES, "");
}

static void overlapping_rules(fx_t *fx)
{
    fx_rule(fx, 0, CST_CATEGORY_PREMISES, CST_RULE_EQUAL_BASE, CST_UNIT_SHARES, "v1");
    size_t r = fx_rule(fx, 0, CST_CATEGORY_PREMISES, CST_RULE_EQUAL_PARTIES, CST_UNIT_SHARES, "v2");
    fx->rules[0][r].has_from = true;
    fx->rules[0][r].from = D(2025, 7, 1);
}

static void weights_on_equal_rule(fx_t *fx)
{
    size_t r = fx_rule(fx, 0, CST_CATEGORY_PREMISES, CST_RULE_EQUAL_BASE, CST_UNIT_SHARES, "v1");
    fx_weight(fx, 0, r, P_BVC, 1);
}

static void principal_is_a_company(fx_t *fx)
{
    fx_org(fx, 6, "Vårdcentralen AB", "556000-0001", CST_ORG_COMPANY);
    fx->parties[0].principal = 6;
}

static void unknown_category(fx_t *fx) { fx->items[0].category = (cst_category_t)9; }
static void vg_without_effective_date(fx_t *fx) { fx->centres[0].framework_effective = D(0, 0, 0); }

typedef struct {
    const char *name;
    void (*mutate)(fx_t *);
    fc_status_t code;
    const char *field;   /* expected prefix of err.field */
    const char *message; /* expected part of err.message */
} bad_case_t;

static const bad_case_t cases[] = {
    {"negative weight", negative_weight, FC_INVALID_ARGUMENT, "centres[0].local_rules[0]",
     "negative"},
    {"weights overflow", weights_overflow, FC_OUT_OF_RANGE, "centres[0].local_rules[0]",
     "add up to more"},
    {"percent not 100", percent_not_100, FC_INVALID_ARGUMENT, "centres[0]", "100 %"},
    {"permille not 1000", permille_not_1000, FC_INVALID_ARGUMENT, "centres[0]", "1000"},
    {"all weights zero", all_weights_zero, FC_INVALID_ARGUMENT, "centres[0]", "zero"},
    {"payments overflow", paid_overflows, FC_OUT_OF_RANGE, "payments", "64-bit"},
    {"shares overflow", shares_overflow, FC_OUT_OF_RANGE, "shares", "64-bit"},
    {"period inverted", period_inverted, FC_INVALID_ARGUMENT, "period", "inverted"},
    {"period not a month", period_not_a_month, FC_INVALID_ARGUMENT, "period", "calendar month"},
    {"item inverted", item_inverted, FC_INVALID_ARGUMENT, "items[0].period", "inverted"},
    {"item date missing", item_date_missing, FC_INVALID_ARGUMENT, "items[0].period", "exist"},
    {"item outside period", item_outside_period, FC_INVALID_ARGUMENT, "items[0].period",
     "no day of the run"},
    {"unknown payer", unknown_payer, FC_NOT_FOUND, "items[0].paid_by", "999"},
    {"payer not in centre", payer_not_in_centre, FC_NOT_FOUND, "items[0].paid_by",
     "does not take part"},
    {"unknown centre", unknown_centre, FC_NOT_FOUND, "items[0].centre", "unknown centre"},
    {"unknown participant", unknown_participant, FC_NOT_FOUND, "centres[0].participations[4]",
     "unknown party"},
    {"unknown organisation", unknown_organisation, FC_NOT_FOUND, "parties[0].organisation",
     "unknown organisation"},
    {"weight for outsider", weight_for_outsider, FC_NOT_FOUND, "centres[0].local_rules[0]",
     "does not take part"},
    {"no participants", no_participants, FC_FAILED_PRECONDITION, "centres[0].participations",
     "no participating operations"},
    {"nobody on some days", nobody_on_some_days, FC_FAILED_PRECONDITION, "items[0]",
     "2025-12-01..2025-12-31"},
    {"duplicate party", duplicate_party, FC_INVALID_ARGUMENT, "parties", "twice"},
    {"zero key", zero_key, FC_INVALID_ARGUMENT, "organisations[0].key", "other than 0"},
    {"duplicate item", duplicate_item, FC_INVALID_ARGUMENT, "items", "twice"},
    {"rule without source", rule_without_source, FC_INVALID_ARGUMENT,
     "centres[0].local_rules[0]", "source"},
    {"overlapping rules", overlapping_rules, FC_INVALID_ARGUMENT, "centres[0].local_rules[1]",
     "same days"},
    {"weights on equal rule", weights_on_equal_rule, FC_INVALID_ARGUMENT,
     "centres[0].local_rules[0]", "takes no weights"},
    {"principal is a company", principal_is_a_company, FC_INVALID_ARGUMENT,
     "parties[0].principal", "neither a region nor a municipality"},
    {"unknown category", unknown_category, FC_INVALID_ARGUMENT, "items[0].category",
     "unknown category"},
    {"VG without effective date", vg_without_effective_date, FC_INVALID_ARGUMENT,
     "centres[0].framework_effective", "VG §14.1"},
};

Test(bad_input, every_case_is_refused_with_its_field_and_no_run)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const bad_case_t *c = &cases[i];
        fx_t fx;
        base(&fx);
        c->mutate(&fx);
        fx_input(&fx);
        fx_t copy;
        memcpy(&copy, &fx, sizeof fx);
        cst_error_t err = {0};
        cst_run_t *run = (cst_run_t *)&err; /* must come back NULL */
        fc_status_t rc = cst_run_new(&fx.input, &run, &err);
        cr_expect_eq(rc, c->code, "%s: got %s (%s: %s)", c->name, fc_status_name(rc), err.field,
                     err.message);
        cr_expect_null(run, "%s: a refused run leaves no run", c->name);
        cr_expect_eq(err.code, c->code, "%s: err.code", c->name);
        cr_expect_eq(strncmp(err.field, c->field, strlen(c->field)), 0,
                     "%s: field \"%s\", want \"%s\"", c->name, err.field, c->field);
        cr_expect_not_null(strstr(err.message, c->message), "%s: \"%s\" lacks \"%s\"", c->name,
                           err.message, c->message);
        cr_expect_eq(memcmp(&copy, &fx, sizeof fx), 0, "%s: the input was changed", c->name);
        if (rc == FC_OK)
            cst_run_destroy(&run);
    }
}

Test(bad_input, base_case_is_valid)
{
    fx_t fx;
    base(&fx);
    cst_run_t *run = fx_run(&fx);
    fx_check_invariants(run);
    cst_run_destroy(&run);
}

Test(bad_input, missing_arrays_and_pointers)
{
    fx_t fx;
    base(&fx);
    fx_input(&fx);
    fx.input.items = NULL;
    cst_run_t *run = NULL;
    cst_error_t err = {0};
    cr_expect_eq(cst_run_new(&fx.input, &run, &err), FC_INVALID_ARGUMENT);
    cr_expect_null(run);
    cr_expect_eq(cst_run_new(NULL, &run, &err), FC_INVALID_ARGUMENT);
    cr_expect_eq(cst_run_new(&fx.input, NULL, NULL), FC_INVALID_ARGUMENT);
}
