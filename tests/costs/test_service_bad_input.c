/* Bad input gets a clear error and changes nothing: each case below is sent
 * to the real service, must come back with its code and a message naming
 * the problem, and must leave the sequence number (every change is an
 * event) where it was. */
#include <criterion/criterion.h>

#include "service_fixture.h"

static sf_t F;
static rc_world_t W;
static uint64_t C, LATE; /* a centre, and one founded in 2026 */

static void setup(void)
{
    cr_assert_eq(sf_start(&F, "2"), 0);
    cr_assert_eq(rc_world(&F.reg, &W), 0);
    rc_part_t parts[] = {{W.bhv, true, "2024-01-01", NULL}, {W.ofs, true, "2024-01-01", NULL}};
    sf_centre_t c = {"Familjecentralen Backa", W.muni, W.framework, "2024-06-01", W.ofs, parts, 2};
    C = sf_centre(&F, &c);
    rc_part_t late[] = {{W.soc, true, "2026-02-01", NULL}};
    sf_centre_t l = {"Familjecentralen Nya", W.muni, W.framework, "2026-02-01", W.soc, late, 1};
    LATE = sf_centre(&F, &l);
    cr_assert(C && LATE && sf_sync(&F));
    cr_assert(sf_item(&F, C, SF_CAT(COORDINATOR), 1000000, 0, "2025-01-01", "2025-12-31"));
}

static void teardown(void)
{
    sf_cleanup(&F);
}

TestSuite(costs_bad_input, .init = setup, .fini = teardown, .timeout = 120);

static uint64_t seq_now(void)
{
    Fcavtal__V1__TodayRequest q = FCAVTAL__V1__TODAY_REQUEST__INIT;
    sf_rep_t *rep = sf_call(&F, "today", &q.base, NULL);
    cr_assert_not_null(rep);
    uint64_t s = rep->seq;
    sf_free(rep);
    return s;
}

static void refused(sf_rep_t *rep, Fcavtal__V1__Code code, const char *needle, const char *what)
{
    cr_assert_not_null(rep, "%s: no reply", what);
    cr_expect_eq(rep->status->code, code, "%s: code %d (%s)", what, rep->status->code,
                 rep->status->message);
    cr_expect(strstr(rep->status->message, needle), "%s: the message \"%s\" should say \"%s\"",
              what, rep->status->message, needle);
    sf_free(rep);
}

typedef struct {
    const char *what;
    uint64_t centre;
    Fcavtal__V1__CostCategory category;
    int64_t ore;
    bool no_amount;
    uint64_t paid_by;
    const char *from, *to;
    Fcavtal__V1__Code code;
    const char *says;
} item_case_t;

Test(costs_bad_input, items)
{
    item_case_t cases[] = {
        {"negative amount", C, SF_CAT(PREMISES), -500, false, W.ofs, "2025-01-01", "2025-01-31",
         SF_CODE(INVALID_ARGUMENT), "credit = true"},
        {"zero amount", C, SF_CAT(PREMISES), 0, false, W.ofs, "2025-01-01", "2025-01-31",
         SF_CODE(INVALID_ARGUMENT), "above 0"},
        {"overflowing amount", C, SF_CAT(PREMISES), INT64_MAX, false, W.ofs, "2025-01-01",
         "2025-01-31", SF_CODE(INVALID_ARGUMENT), "at most"},
        {"no amount", C, SF_CAT(PREMISES), 0, true, W.ofs, "2025-01-01", "2025-01-31",
         SF_CODE(INVALID_ARGUMENT), "amount"},
        {"unknown centre", 999999, SF_CAT(PREMISES), 500, false, W.ofs, "2025-01-01",
         "2025-01-31", SF_CODE(NOT_FOUND), "unknown centre 999999"},
        {"unknown party", C, SF_CAT(PREMISES), 500, false, 987654, "2025-01-01", "2025-01-31",
         SF_CODE(NOT_FOUND), "takes no part"},
        {"party of another centre", C, SF_CAT(PREMISES), 500, false, W.soc, "2025-01-01",
         "2025-01-31", SF_CODE(NOT_FOUND), "takes no part"},
        {"no payer", C, SF_CAT(PREMISES), 500, false, 0, "2025-01-01", "2025-01-31",
         SF_CODE(INVALID_ARGUMENT), "paid_by_operation_id"},
        {"inverted days", C, SF_CAT(PREMISES), 500, false, W.ofs, "2025-02-01", "2025-01-31",
         SF_CODE(INVALID_ARGUMENT), "inverted"},
        {"day that does not exist", C, SF_CAT(PREMISES), 500, false, W.ofs, "2025-02-29",
         "2025-03-31", SF_CODE(INVALID_ARGUMENT), "from"},
        {"no category", C, 0, 500, false, W.ofs, "2025-01-01", "2025-01-31",
         SF_CODE(INVALID_ARGUMENT), "category"},
    };
    uint64_t before = seq_now();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        item_case_t *k = &cases[i];
        Fcavtal__V1__Money m = FCAVTAL__V1__MONEY__INIT;
        m.ore = k->ore;
        Fcavtal__V1__Date a = rc_date(k->from), b = rc_date(k->to);
        if (strcmp(k->from, "2025-02-29") == 0)
            a = (Fcavtal__V1__Date){PROTOBUF_C_MESSAGE_INIT(&fcavtal__v1__date__descriptor), 2025, 2, 29};
        Fcavtal__V1__CostItem it = FCAVTAL__V1__COST_ITEM__INIT;
        it.centre_id = k->centre;
        it.category = k->category;
        it.amount = k->no_amount ? NULL : &m;
        it.paid_by_operation_id = k->paid_by;
        it.from = &a;
        it.to = &b;
        refused(sf_add_item(&F, &it), k->code, k->says, k->what);
    }
    cr_expect_eq(seq_now(), before, "refused items changed nothing");
}

Test(costs_bad_input, a_bad_item_in_a_batch_adds_none)
{
    Fcavtal__V1__Money good = FCAVTAL__V1__MONEY__INIT, bad = FCAVTAL__V1__MONEY__INIT;
    good.ore = 1000;
    bad.ore = -1;
    Fcavtal__V1__Date a = rc_date("2025-01-01"), b = rc_date("2025-01-31");
    Fcavtal__V1__CostItem items[3], *ptrs[3];
    for (int i = 0; i < 3; i++) {
        fcavtal__v1__cost_item__init(&items[i]);
        items[i].centre_id = C;
        items[i].category = SF_CAT(OTHER);
        items[i].amount = i == 2 ? &bad : &good;
        items[i].paid_by_operation_id = W.ofs;
        items[i].from = &a;
        items[i].to = &b;
        ptrs[i] = &items[i];
    }
    Fcavtal__V1__AddCostItems add = FCAVTAL__V1__ADD_COST_ITEMS__INIT;
    add.items = ptrs;
    add.n_items = 3;
    uint64_t before = seq_now();
    refused(sf_call(&F, "add_cost_items", &add.base, NULL), SF_CODE(INVALID_ARGUMENT),
            "items[2].amount", "a batch with a bad third item");
    cr_expect_eq(seq_now(), before, "all or nothing");
}

Test(costs_bad_input, runs)
{
    uint64_t before = seq_now();
    Fcavtal__V1__Date a, b;
    Fcavtal__V1__SettlementPeriod p = sf_period("year", 2025, 0, &a, &b);
    /* Inverted. */
    Fcavtal__V1__Date x = rc_date("2025-06-30"), y = rc_date("2025-01-01");
    Fcavtal__V1__SettlementPeriod inv = FCAVTAL__V1__SETTLEMENT_PERIOD__INIT;
    inv.kind = FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_CUSTOM;
    inv.from = &x;
    inv.to = &y;
    refused(sf_run_period(&F, &inv, &C, 1, 0, NULL), SF_CODE(INVALID_ARGUMENT), "",
            "an inverted period");
    /* A "quarter" that is not one. */
    Fcavtal__V1__Date q1 = rc_date("2025-01-01"), q2 = rc_date("2025-04-30");
    Fcavtal__V1__SettlementPeriod notq = FCAVTAL__V1__SETTLEMENT_PERIOD__INIT;
    notq.kind = FCAVTAL__V1__PERIOD_KIND__PERIOD_KIND_QUARTER;
    notq.from = &q1;
    notq.to = &q2;
    refused(sf_run_period(&F, &notq, &C, 1, 0, NULL), SF_CODE(INVALID_ARGUMENT), "",
            "a quarter of four months");
    refused(sf_run_period(&F, NULL, &C, 1, 0, NULL), SF_CODE(INVALID_ARGUMENT),
            "period is required", "no period");
    uint64_t unknown = 424242;
    refused(sf_run_period(&F, &p, &unknown, 1, 0, NULL), SF_CODE(NOT_FOUND), "unknown centre",
            "an unknown centre");
    refused(sf_run_period(&F, &p, NULL, 0, 777777, NULL), SF_CODE(NOT_FOUND),
            "unknown municipality", "an unknown municipality");
    /* The registry has no composition for the new centre in 2025. */
    refused(sf_run_period(&F, &p, &LATE, 1, 0, NULL), SF_CODE(FAILED_PRECONDITION),
            "no composition", "a period before the centre existed");
    refused(sf_run(&F, "year", 2019, 0, NULL, 0, NULL), SF_CODE(FAILED_PRECONDITION),
            "nothing to settle", "a year without costs");
    uint64_t both[] = {C};
    refused(sf_run_period(&F, &p, both, 1, W.muni, NULL), SF_CODE(INVALID_ARGUMENT),
            "not both", "centres and a municipality");
    cr_expect_eq(seq_now(), before, "refused runs changed nothing");
}

Test(costs_bad_input, rules_and_charts)
{
    uint64_t before = seq_now();
    Fcavtal__V1__AllocationWeight w1 = FCAVTAL__V1__ALLOCATION_WEIGHT__INIT,
                                  w2 = FCAVTAL__V1__ALLOCATION_WEIGHT__INIT;
    w1.operation_id = W.bhv;
    w1.weight = 6000;
    w2.operation_id = W.ofs;
    w2.weight = 3000; /* 90 %, not 100 % */
    Fcavtal__V1__AllocationWeight *ws[] = {&w1, &w2};
    Fcavtal__V1__AllocationRule r = FCAVTAL__V1__ALLOCATION_RULE__INIT;
    r.category = SF_CAT(PREMISES);
    r.kind = FCAVTAL__V1__ALLOCATION_RULE_KIND__ALLOCATION_RULE_FIXED_SHARES;
    r.unit = FCAVTAL__V1__WEIGHT_UNIT__WEIGHT_UNIT_BASIS_POINTS;
    r.weights = ws;
    r.n_weights = 2;
    r.source = "Lokalt samverkansavtal §15";
    Fcavtal__V1__AllocationRule *rs[] = {&r};
    Fcavtal__V1__AllocationOverride o = FCAVTAL__V1__ALLOCATION_OVERRIDE__INIT;
    o.centre_id = C;
    o.rules = rs;
    o.n_rules = 1;
    Fcavtal__V1__SetAllocationRules set = FCAVTAL__V1__SET_ALLOCATION_RULES__INIT;
    set.local = &o;
    refused(sf_call(&F, "set_allocation_rules", &set.base, NULL), SF_CODE(INVALID_ARGUMENT),
            "", "percentages short of 100 %");
    r.source = "";
    w2.weight = 4000;
    refused(sf_call(&F, "set_allocation_rules", &set.base, NULL), SF_CODE(INVALID_ARGUMENT),
            "source", "a rule without its source");
    r.source = "Lokalt samverkansavtal §15";
    w2.operation_id = W.soc;
    refused(sf_call(&F, "set_allocation_rules", &set.base, NULL), SF_CODE(NOT_FOUND),
            "takes no part", "a weight for an operation outside the centre");
    w2.operation_id = W.ofs;
    w2.weight = -1;
    refused(sf_call(&F, "set_allocation_rules", &set.base, NULL), SF_CODE(INVALID_ARGUMENT), "",
            "a negative weight");
    Fcavtal__V1__ChartOfAccounts ch = FCAVTAL__V1__CHART_OF_ACCOUNTS__INIT;
    ch.organisation_id = W.muni;
    Fcavtal__V1__SetChartOfAccounts sc = FCAVTAL__V1__SET_CHART_OF_ACCOUNTS__INIT;
    sc.chart = &ch;
    refused(sf_call(&F, "set_chart_of_accounts", &sc.base, NULL), SF_CODE(INVALID_ARGUMENT),
            "receivable_account", "a chart without its accounts");
    ch.organisation_id = 31337;
    refused(sf_call(&F, "set_chart_of_accounts", &sc.base, NULL), SF_CODE(NOT_FOUND),
            "unknown organisation", "a chart for nobody");
    cr_expect_eq(seq_now(), before, "refused rules and charts changed nothing");
}

Test(costs_bad_input, limits)
{
    uint64_t before = seq_now();
    static uint64_t many[10001];
    for (size_t i = 0; i < 10001; i++)
        many[i] = i + 1;
    Fcavtal__V1__Date a, b;
    Fcavtal__V1__SettlementPeriod p = sf_period("year", 2025, 0, &a, &b);
    refused(sf_run_period(&F, &p, many, 10001, 0, NULL), SF_CODE(INVALID_ARGUMENT), "at most",
            "more centres than one run takes");
    Fcavtal__V1__ShowRun s = FCAVTAL__V1__SHOW_RUN__INIT;
    s.run_id = 999;
    refused(sf_call(&F, "show_run", &s.base, NULL), SF_CODE(NOT_FOUND), "no run", "no such run");
    cr_expect_eq(seq_now(), before);
}
