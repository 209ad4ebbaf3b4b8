/* Correcting a finalised run: what changed per party when the same period is
 * run again (late invoices, a withdrawn item, a corrected participation), and
 * the transfers that settle only the difference. */
#ifndef FCAVTAL_COSTS_CORRECTION_H
#define FCAVTAL_COSTS_CORRECTION_H

#include "fcavtal/costs/settlement.h"

/* Before and after for one party, aligned with difference.parties. */
typedef struct {
    int64_t share_before, share_after;
    int64_t paid_before, paid_after;
    int64_t balance_before, balance_after;
} cst_correction_line_t;

typedef struct {
    cst_period_t period;
    /* Per party and organisation the change (after - before) in share, paid
     * and balance, and the transfers that settle the changes. Parties of
     * either run appear; differences add up to zero. */
    cst_ledger_t difference;
    cst_correction_line_t *lines;
} cst_correction_t;

/* FC_FAILED_PRECONDITION when `finalised` is not final or the periods
 * differ, or a party changed organisation between the runs. */
fc_status_t cst_correction_new(const cst_run_t *finalised, const cst_run_t *revised,
                               cst_correction_t **out, cst_error_t *err);
void cst_correction_destroy(cst_correction_t **corr_p);

#endif
