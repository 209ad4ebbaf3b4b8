/* Where a run lives beside its header record: its content pages
 * (CST_DB_RUN_PAGES, key run id | part | page) and, per centre, the runs
 * that cover it (CST_DB_RUN_CENTRES, key centre id | run id), which is how
 * a run finds a finalised run of the same days and an item the runs that
 * settled it. All in the caller's transaction. */
#ifndef CST_RUN_STORE_H
#define CST_RUN_STORE_H

#include "costs_service.h"
#include "fcavtal/costs/model.h"
#include "pages.h"

enum {
    CST_PART_PARTIES = 1,
    CST_PART_ORGANISATIONS = 2,
    CST_PART_TRANSFERS = 3,
    CST_PART_CENTRES = 4
};

fc_status_t cst__pages_put(fc_call_t *call, uint64_t run, int part, uint32_t page,
                           const void *data, size_t len);
fc_status_t cst__pages_put_pb(fc_call_t *call, uint64_t run, int part, uint32_t page,
                              const cst__page_pb_t *pg);
/* FC_DATA_LOSS (reply set) when the page is missing or does not decode. */
fc_status_t cst__pages_get(fc_call_t *call, uint64_t run, int part, uint32_t page,
                           cst__page_pb_t **out);
fc_status_t cst__pages_drop(fc_call_t *call, uint64_t run);

/* One run covering one centre. */
typedef struct {
    uint64_t run;
    Fcavtal__V1__RunStatus status;
    Fcavtal__V1__RunKind kind;
    fc_date_t from, to;
} cst__run_cover_t;

fc_status_t cst__cover_put(fc_call_t *call, uint64_t centre, const cst__run_cover_t *c);
fc_status_t cst__cover_drop(fc_call_t *call, uint64_t centre, uint64_t run);
/* Every run covering the centre, in run id order: *out malloc-owned. */
fc_status_t cst__cover_list(fc_call_t *call, uint64_t centre, cst__run_cover_t **out, size_t *n);

#endif
