/* The financing section's amounts: the coordinator's annual cost for a
 * period and each party's part of it, exact to the öre (VG §14.1, Region
 * Örebro län "Ekonomi"). They belong to the costs service, which this
 * service does not follow yet: rsv_costs_split finds nothing, and
 * financing.c makes the section from the registry alone (the coordinator
 * post, the shares as fractions by the framework's rule, the premises'
 * use-right and its annual cost).
 *
 * This is where costs data plugs in. A follower of the costs service, set
 * up beside the registry's (follow.c), keeps each centre's split per year
 * in a record type of this service; rsv_costs_split then reads the record
 * for the agreement's centre and the version's year into `out`. Nothing
 * else changes: financing.c already writes the amounts, the period, the
 * settlement and the other costs whenever a split is found. */
#ifndef RSV_COSTS_H
#define RSV_COSTS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

typedef struct {
    uint64_t organisation_id, operation_id;   /* the party, as in Party */
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
