/* fcavtal-costs: the service's record types, databases, state and request
 * handlers. The engine (include/fcavtal/costs/) computes; this service
 * stores cost items, allocation rules, charts of accounts and runs, keeps a
 * read model of the registry through the core's follower, and answers the
 * requests of proto/fcavtal/v1/costs.proto. */
#ifndef CST_COSTS_SERVICE_H
#define CST_COSTS_SERVICE_H

#include "fcavtal/call.h"
#include "fcavtal/follower.h"
#include "fcavtal/record.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/costs.pb-c.h"

/* Record types (fc_service_def_t.records), by index. */
enum {
    CST_REC_ITEM,      /* cost_item: CostItem */
    CST_REC_RULES,     /* allocation_rules: AllocationOverride, id = centre id */
    CST_REC_RUN,       /* run: SettlementRun header (contents in CST_DB_RUN_PAGES) */
    CST_REC_CHART,     /* chart_of_accounts: ChartOfAccounts, id = organisation id */
    CST_REC_ORG,       /* registry_organisation: the read model ... */
    CST_REC_OP,        /* registry_operation */
    CST_REC_CENTRE,    /* registry_centre */
    CST_REC_AGREEMENT, /* registry_agreement */
    CST_REC_CENTRE_SETTLEMENT, /* centre_settlement: a finalised run's figures per centre */
    CST_REC_COUNT
};

/* Indexes, per record type. */
enum { CST_IX_ITEM_BY_CENTRE = 0 };
enum { CST_IX_CENTRE_BY_MUNICIPALITY = 0 };
enum { CST_IX_AGREEMENT_BY_CENTRE = 0 };

/* Plain databases (fc_service_def_t.dbi_names), by index. */
enum {
    CST_DB_RUN_PAGES,   /* run id | part | page -> RunContentPage */
    CST_DB_RUN_CENTRES, /* centre id | run id -> status, kind, period (run_index.h) */
    CST_DB_COUNT
};

typedef Fcavtal__V1__CostsReply cst__reply_t;
typedef Fcavtal__V1__CostItem cst__item_pb_t;
typedef Fcavtal__V1__SettlementRun cst__run_pb_t;

/* Limits on one request (docs/costs.md, "Limits"). */
#define CST_MAX_ITEMS_PER_ADD 10000
#define CST_MAX_RUN_CENTRES 10000
#define CST_MAX_RULES 64
#define CST_MAX_WEIGHTS 256
#define CST_MAX_OBJECTS 1000
#define CST_MAX_NOTE 2000
#define CST_MAX_REFERENCE 200
#define CST_MAX_SOURCE 200
/* One item at most 100 000 000 000 kr: 10 000 such items per centre and
 * 5 000 centres still add up inside int64 (docs/costs.md, "Limits"). */
#define CST_MAX_ITEM_ORE 10000000000000LL
#define CST_PAGE_LINES 500
#define CST_EXPORT_CHUNK ((size_t)4 << 20)

typedef struct cst__export_cache_t cst__export_cache_t;

typedef struct {
    fc_follower_t *follower;
    int threads;                    /* worker threads for a run's centres */
    cst__export_cache_t *exports;   /* the last export made, for its next chunks */
} cst_state_t;

extern const fc_service_def_t cst_service;

void cst_state_clear(cst_state_t *state);

/* ---- request handlers (one file per concept) ---- */
#define CST_HANDLER(name, body_t) \
    fc_status_t name(fc_call_t *call, const body_t *body, cst__reply_t *rep)

CST_HANDLER(cst__add_item, Fcavtal__V1__AddCostItem);
CST_HANDLER(cst__add_items, Fcavtal__V1__AddCostItems);
CST_HANDLER(cst__get_item, Fcavtal__V1__GetById);
CST_HANDLER(cst__list_items, Fcavtal__V1__ListCostItems);
CST_HANDLER(cst__withdraw_item, Fcavtal__V1__WithdrawCostItem);
CST_HANDLER(cst__set_rules, Fcavtal__V1__SetAllocationRules);
CST_HANDLER(cst__get_rules, Fcavtal__V1__GetAllocationRules);
CST_HANDLER(cst__run_settlement, Fcavtal__V1__RunSettlement);
CST_HANDLER(cst__show_run, Fcavtal__V1__ShowRun);
CST_HANDLER(cst__list_runs, Fcavtal__V1__ListRuns);
CST_HANDLER(cst__explain, Fcavtal__V1__ExplainShare);
CST_HANDLER(cst__finalise_run, Fcavtal__V1__RunAction);
CST_HANDLER(cst__discard_run, Fcavtal__V1__RunAction);
CST_HANDLER(cst__correct_run, Fcavtal__V1__CorrectRun);
CST_HANDLER(cst__export_csv, Fcavtal__V1__ExportCsv);
CST_HANDLER(cst__export_sie, Fcavtal__V1__ExportSie);
CST_HANDLER(cst__set_chart, Fcavtal__V1__SetChartOfAccounts);
CST_HANDLER(cst__get_chart, Fcavtal__V1__GetById);
CST_HANDLER(cst__status, Fcavtal__V1__StatusRequest);

/* Starts following the registry (main.c): NULL with the reason in err. */
fc_follower_t *cst__follow_registry(fc_server_t *server, const fc_config_t *cfg, char *err,
                                    size_t errlen);

#endif
