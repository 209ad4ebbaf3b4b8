/* One page of a filtered list, found through the registry's indexes: the
 * most selective index lookup the filter allows (by its count), or the union
 * of several (a region: every organisation in it), or a scan of the table
 * when the filter names nothing indexed. Pages are in id order. */
#ifndef FC_REGISTRY_QUERY_H
#define FC_REGISTRY_QUERY_H

#include "registry.h"

#define REG_LIST_DEFAULT 1000
#define REG_LIST_MAX 10000

typedef struct {
    size_t index;
    fc_index_key_t key;
} reg_lookup_t;

/* Sets *keep for a candidate; a read error is returned. */
typedef fc_status_t (*reg_keep_fn)(fc_call_t *call, const ProtobufCMessage *record,
                                   const void *filter, bool *keep);

typedef struct {
    int type;
    reg_lookup_t all[6];      /* every one must hold: the smallest is walked */
    size_t n_all;
    reg_lookup_t *any;        /* at least one must hold (malloc-owned by the caller) */
    size_t n_any;
    uint64_t also_id;         /* with `any`: one more candidate id (a region itself) */
    bool use_any;
    reg_keep_fn keep;         /* the whole filter, checked on every candidate */
    const void *filter;
    uint64_t after_id;
    uint32_t limit;
} reg_query_t;

/* Fills the repeated field (n, items) with the page and *next_after_id
 * with the after_id of the next page (0 when this was the last). */
fc_status_t reg_query_page(fc_call_t *call, const reg_query_t *q, size_t *n, void *items_field,
                           uint64_t *next_after_id);

/* Adds one "any" lookup per organisation in region `region_id` (index
 * `index` of q->type keyed by the organisation id). */
fc_status_t reg_query_region(fc_call_t *call, reg_query_t *q, size_t index, uint64_t region_id);

/* The region an organisation belongs to (0 for none), as a status. */
fc_status_t reg_region_of(fc_call_t *call, uint64_t organisation_id, uint64_t *region_id);

#endif
