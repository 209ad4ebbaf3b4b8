/* Charts of accounts per organisation (SetChartOfAccounts), and the
 * engine's view of one for the SIE export. */
#ifndef CST_CHART_H
#define CST_CHART_H

#include "costs_service.h"
#include "fcavtal/costs/sie.h"

typedef struct {
    cst_sie_accounts_t acc;
    cst_sie_object_t *counterparties;
    cst_sie_object_t *operations;
} cst__accounts_t;

/* Points into `chart`, which must outlive it. */
fc_status_t cst__chart_accounts(fc_call_t *call, const Fcavtal__V1__ChartOfAccounts *chart,
                                cst__accounts_t *out);
void cst__accounts_clear(cst__accounts_t *a);

#endif
