/* The fewest payments that settle a set of balances. */
#ifndef FCAVTAL_COSTS_TRANSFERS_H
#define FCAVTAL_COSTS_TRANSFERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/costs/settlement.h"

/* Up to this many non-zero balances the plan is the proven minimum. */
#define CST_TRANSFERS_EXACT_MAX 16

/* balances[i] > 0: i is owed that much; < 0: i owes it. They must add up to
 * zero. keys (unique) order the output and break ties, so the plan never
 * depends on the order of the input.
 *
 * Settling k balances takes k - g transfers when they fall into g groups
 * that each add up to zero, so the minimum is k minus the largest such g.
 * With k <= CST_TRANSFERS_EXACT_MAX non-zero balances the largest g is found
 * by dynamic programming over subsets (O(2^k k)); each group is then settled
 * by paying the largest debt to the largest claim, which within a group that
 * has no zero-sum part takes exactly its size minus one. Beyond that, a
 * greedy plan: first a debt and a claim of equal size cancel in one
 * transfer, then the rest is settled largest to largest; at most k - 1
 * transfers and *exact is false.
 *
 * *out (owned, free()) holds *n_out transfers sorted by payer key, then payee
 * key; indices refer to the input. NULL with zero transfers. */
fc_status_t cst_transfers_plan(const int64_t *balances, const uint64_t *keys, size_t n,
                               cst_transfer_t **out, size_t *n_out, bool *exact,
                               cst_error_t *err);

#endif
