#include "costs.h"

#include <stdlib.h>
#include <string.h>

fc_status_t rsv_costs_split(rsv_world_t *w, rsv_cost_split_t *out)
{
    (void)w;
    memset(out, 0, sizeof *out);
    /* No costs read model is kept (costs.h says where it plugs in). */
    return FC_NOT_FOUND;
}

void rsv_cost_split_clear(rsv_cost_split_t *split)
{
    free(split->shares);
    memset(split, 0, sizeof *split);
}
