/* The costs service's definition: dispatch table, record types with their
 * indexes, and plain databases. */
#include "costs_service.h"

typedef cst__reply_t Rep;
#define BODY(name) FCAVTAL__V1__COSTS_REQUEST__BODY_##name
#define ROUTE(CASE, FN, ACCESS, T, DESC) FC_ROUTE(BODY(CASE), FN, ACCESS, T, DESC, Rep)
#define D(x) fcavtal__v1__##x##__descriptor

static const fc_route_t ROUTES[] = {
    ROUTE(ADD_COST_ITEM, cst__add_item, FC_WRITE, Fcavtal__V1__AddCostItem, D(add_cost_item)),
    ROUTE(ADD_COST_ITEMS, cst__add_items, FC_WRITE, Fcavtal__V1__AddCostItems, D(add_cost_items)),
    ROUTE(GET_COST_ITEM, cst__get_item, FC_READ, Fcavtal__V1__GetById, D(get_by_id)),
    ROUTE(LIST_COST_ITEMS, cst__list_items, FC_READ, Fcavtal__V1__ListCostItems,
          D(list_cost_items)),
    ROUTE(WITHDRAW_COST_ITEM, cst__withdraw_item, FC_WRITE, Fcavtal__V1__WithdrawCostItem,
          D(withdraw_cost_item)),
    ROUTE(SET_ALLOCATION_RULES, cst__set_rules, FC_WRITE, Fcavtal__V1__SetAllocationRules,
          D(set_allocation_rules)),
    ROUTE(GET_ALLOCATION_RULES, cst__get_rules, FC_READ, Fcavtal__V1__GetAllocationRules,
          D(get_allocation_rules)),
    ROUTE(RUN_SETTLEMENT, cst__run_settlement, FC_WRITE, Fcavtal__V1__RunSettlement,
          D(run_settlement)),
    ROUTE(SHOW_RUN, cst__show_run, FC_READ, Fcavtal__V1__ShowRun, D(show_run)),
    ROUTE(LIST_RUNS, cst__list_runs, FC_READ, Fcavtal__V1__ListRuns, D(list_runs)),
    ROUTE(EXPLAIN, cst__explain, FC_READ, Fcavtal__V1__ExplainShare, D(explain_share)),
    ROUTE(FINALISE_RUN, cst__finalise_run, FC_WRITE, Fcavtal__V1__RunAction, D(run_action)),
    ROUTE(DISCARD_RUN, cst__discard_run, FC_WRITE, Fcavtal__V1__RunAction, D(run_action)),
    ROUTE(CORRECT_RUN, cst__correct_run, FC_WRITE, Fcavtal__V1__CorrectRun, D(correct_run)),
    ROUTE(EXPORT_CSV, cst__export_csv, FC_READ, Fcavtal__V1__ExportCsv, D(export_csv)),
    ROUTE(EXPORT_SIE, cst__export_sie, FC_READ, Fcavtal__V1__ExportSie, D(export_sie)),
    ROUTE(SET_CHART_OF_ACCOUNTS, cst__set_chart, FC_WRITE, Fcavtal__V1__SetChartOfAccounts,
          D(set_chart_of_accounts)),
    ROUTE(GET_CHART_OF_ACCOUNTS, cst__get_chart, FC_READ, Fcavtal__V1__GetById, D(get_by_id)),
    ROUTE(STATUS, cst__status, FC_READ, Fcavtal__V1__StatusRequest, D(status_request)),
};

/* ------------------------------------------------------------ index keys */

static size_t item_centre_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u64(k, ((const Fcavtal__V1__CostItem *)r)->centre_id);
    return max ? 1 : 0;
}

static size_t centre_municipality_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Fcavtal__V1__ModelCentre *c = (const Fcavtal__V1__ModelCentre *)r;
    if (!max || !c->municipality_id)
        return 0;
    fc_index_key_u64(k, c->municipality_id);
    return 1;
}

static size_t agreement_centre_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Fcavtal__V1__ModelAgreement *a = (const Fcavtal__V1__ModelAgreement *)r;
    if (!max || !a->centre_id)
        return 0;
    fc_index_key_u64(k, a->centre_id);
    return 1;
}

static const fc_index_def_t ITEM_INDEXES[] = {
    [CST_IX_ITEM_BY_CENTRE] = {"cost_items_by_centre", item_centre_key, 1},
};
static const fc_index_def_t CENTRE_INDEXES[] = {
    [CST_IX_CENTRE_BY_MUNICIPALITY] = {"registry_centres_by_municipality",
                                       centre_municipality_key, 1},
};
static const fc_index_def_t AGREEMENT_INDEXES[] = {
    [CST_IX_AGREEMENT_BY_CENTRE] = {"registry_agreements_by_centre", agreement_centre_key, 1},
};

static const fc_record_def_t RECORDS[CST_REC_COUNT] = {
    [CST_REC_ITEM] = {"cost_item", &D(cost_item), "cost_items", ITEM_INDEXES, 1, NULL},
    [CST_REC_RULES] = {"allocation_rules", &D(allocation_override), "allocation_rules", NULL, 0,
                       NULL},
    [CST_REC_RUN] = {"run", &D(settlement_run), "runs", NULL, 0, NULL},
    [CST_REC_CHART] = {"chart_of_accounts", &D(chart_of_accounts), "charts_of_accounts", NULL, 0,
                       NULL},
    [CST_REC_ORG] = {"registry_organisation", &D(model_organisation), "registry_organisations",
                     NULL, 0, NULL},
    [CST_REC_OP] = {"registry_operation", &D(model_operation), "registry_operations", NULL, 0,
                    NULL},
    [CST_REC_CENTRE] = {"registry_centre", &D(model_centre), "registry_centres", CENTRE_INDEXES,
                        1, NULL},
    [CST_REC_AGREEMENT] = {"registry_agreement", &D(model_agreement), "registry_agreements",
                           AGREEMENT_INDEXES, 1, NULL},
    [CST_REC_CENTRE_SETTLEMENT] = {"centre_settlement", &D(centre_settlement),
                                   "centre_settlements", NULL, 0, NULL},
};

static const char *const DBS[CST_DB_COUNT] = {
    [CST_DB_RUN_PAGES] = "run_pages",
    [CST_DB_RUN_CENTRES] = "run_centres",
};

const fc_service_def_t cst_service = {
    .name = "costs",
    .request_desc = &D(costs_request),
    .reply_desc = &D(costs_reply),
    .event_desc = &D(costs_event),
    .routes = ROUTES,
    .n_routes = sizeof ROUTES / sizeof ROUTES[0],
    .records = RECORDS,
    .n_records = CST_REC_COUNT,
    .dbi_names = DBS,
    .n_dbis = CST_DB_COUNT,
    .schema_version = 1,
};
