/* Sharing one cost item among the parties of its centre, day by day. */
#ifndef CST_ALLOCATION_H
#define CST_ALLOCATION_H

#include "directory.h"
#include "fcavtal/costs/pool.h"

typedef struct {
    cst_segment_t *v;     /* malloc-owned */
    size_t n;
    size_t cap;
    cst_pool_t *pool;     /* where the segments' sources, members and idle go (the run's) */
} cst__segments_t;

/* Appends the segments of `item` over its days first..last (inside the
 * item's own period) to *out. `field` names the item in errors
 * ("items[3]"). On failure *out is as it was. */
fc_status_t cst__allocate_item(const cst__directory_t *d, const cst_item_t *item, fc_date_t first,
                              fc_date_t last, const char *field, cst__segments_t *out,
                              cst_error_t *err);

/* Frees the array; what the segments point to stays in the pool, which
 * goes with the run. */
void cst__segments_clear(cst__segments_t *s);

#endif
