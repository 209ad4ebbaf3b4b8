/* Balances and transfers from what the parties owe and paid. */
#ifndef CST_LEDGER_H
#define CST_LEDGER_H

#include "fcavtal/costs/settlement.h"

/* *acc += v, refusing overflow (FC_OUT_OF_RANGE, naming `what`). */
fc_status_t cst__add_checked(int64_t *acc, int64_t v, const char *what, cst_error_t *err);

/* From the parties' share and paid: their balances, their organisations'
 * totals and the transfers that settle them. FC_OUT_OF_RANGE when a sum
 * does not fit in int64. */
fc_status_t cst__ledger_settle(cst_ledger_t *l, cst_error_t *err);
void cst__ledger_clear(cst_ledger_t *l);

#endif
