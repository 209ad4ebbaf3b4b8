/* The financing section's amounts: the coordinator's annual cost and each
 * party's part of it, exact to the öre (VG §14.1, Region Örebro län
 * "Ekonomi"), as the costs service settled them. They come from the read
 * model of costs (follow_costs.c): one CentreSettlement per centre of each
 * finalised run.
 *
 * Which settlement a document shows: the centre's latest finalised
 * calendar-year settlement of a year no later than the version's date
 * (model.h), and of that year the latest finalised run (a correction
 * revises the settlement it corrects). A version is never given figures
 * from after its own date. Without one, financing.c writes the fractions
 * alone. */
#ifndef RSV_COSTS_H
#define RSV_COSTS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct {
    uint64_t operation_id;                    /* the party's operation */
    int64_t ore;                              /* its part of the coordinator cost */
} rsv_cost_share_t;

typedef struct {
    int64_t coordinator_annual_ore;
    char period[32];             /* "2025" */
    char settlement[512];        /* how the employing party is reimbursed */
    char other_costs[512];       /* other common costs and how they are shared */
    rsv_cost_share_t *shares;    /* owned */
    size_t n_shares;
} rsv_cost_split_t;

/* FC_OK with the split for w's agreement, FC_NOT_FOUND when there is no
 * costs data for it, or a read error. */
fc_status_t rsv_costs_split(rsv_world_t *w, rsv_cost_split_t *out);
void rsv_cost_split_clear(rsv_cost_split_t *split);

#endif
