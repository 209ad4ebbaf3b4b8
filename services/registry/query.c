#include "query.h"

#include <stdlib.h>
#include <string.h>

#include "records.h"

#define CHUNK 1024

typedef struct {
    const reg_query_t *q;
    size_t limit;
    size_t *n;
    void *items;
    uint64_t last;
    bool full;
} page_t;

static fc_status_t offer(fc_call_t *call, page_t *p, ProtobufCMessage *record)
{
    bool keep = false;
    fc_status_t st = p->q->keep(call, record, p->q->filter, &keep);
    if (!st && keep) {
        p->last = fc_record_id(record);
        if (reg_append(p->n, p->items, record))
            st = fc_call_oom(call);
        else if (*p->n >= p->limit)
            p->full = true;
        if (!st)
            return FC_OK;
    }
    protobuf_c_message_free_unpacked(record, NULL);
    return st;
}

static fc_status_t visit(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    page_t *p = arg;
    fc_status_t st = offer(call, p, record);
    *stop = p->full;
    return st;
}

static fc_status_t walk_ids(fc_call_t *call, page_t *p, const uint64_t *ids, size_t n)
{
    for (size_t i = 0; i < n && !p->full; i++) {
        ProtobufCMessage *record;
        fc_status_t st = fc_record_get(call, p->q->type, ids[i], &record);
        if (st == FC_NOT_FOUND)
            continue;
        if (st || (st = offer(call, p, record)))
            return st;
    }
    return FC_OK;
}

/* The lookup with the fewest entries. */
static fc_status_t smallest(fc_call_t *call, const reg_query_t *q, const reg_lookup_t **best)
{
    size_t best_n = SIZE_MAX;
    for (size_t i = 0; i < q->n_all; i++) {
        size_t n;
        fc_status_t st = fc_record_index_count(call, q->type, q->all[i].index, &q->all[i].key, &n);
        if (st)
            return st;
        if (n < best_n) {
            best_n = n;
            *best = &q->all[i];
        }
    }
    return FC_OK;
}

static fc_status_t walk_index(fc_call_t *call, page_t *p, const reg_lookup_t *l)
{
    uint64_t after = p->q->after_id;
    while (!p->full) {
        uint64_t *ids;
        size_t n;
        fc_status_t st = fc_record_index_ids(call, p->q->type, l->index, &l->key, after, CHUNK,
                                             &ids, &n);
        if (!st)
            st = walk_ids(call, p, ids, n);
        if (n)
            after = ids[n - 1];
        free(ids);
        if (st || n < CHUNK)
            return st;
    }
    return FC_OK;
}

static int cmp_id(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The union of the `any` lookups, sorted and without repeats. */
static fc_status_t walk_union(fc_call_t *call, page_t *p)
{
    const reg_query_t *q = p->q;
    uint64_t *all = NULL;
    size_t n = 0;
    fc_status_t st = FC_OK;
    for (size_t i = 0; !st && i <= q->n_any; i++) {
        uint64_t *ids = NULL;
        size_t k = 0;
        if (i < q->n_any)
            st = fc_record_index_ids(call, q->type, q->any[i].index, &q->any[i].key, q->after_id,
                                     SIZE_MAX, &ids, &k);
        else if (q->also_id > q->after_id && (ids = malloc(sizeof *ids)))
            ids[k++] = q->also_id;
        uint64_t *grown = st || !k ? NULL : realloc(all, (n + k) * sizeof *all);
        if (k && !grown && !st)
            st = fc_call_oom(call);
        if (grown) {
            memcpy(grown + n, ids, k * sizeof *ids);
            all = grown;
            n += k;
        }
        free(ids);
    }
    if (!st && n) {
        qsort(all, n, sizeof *all, cmp_id);
        size_t u = 0;
        for (size_t i = 0; i < n; i++)
            if (u == 0 || all[i] != all[u - 1])
                all[u++] = all[i];
        st = walk_ids(call, p, all, u);
    }
    free(all);
    return st;
}

fc_status_t reg_query_page(fc_call_t *call, const reg_query_t *q, size_t *n, void *items_field,
                           uint64_t *next_after_id)
{
    page_t p = { .q = q, .n = n, .items = items_field };
    p.limit = !q->limit ? REG_LIST_DEFAULT : q->limit > REG_LIST_MAX ? REG_LIST_MAX : q->limit;
    const reg_lookup_t *best = NULL;
    fc_status_t st = smallest(call, q, &best);
    if (!st && best)
        st = walk_index(call, &p, best);
    else if (!st && q->use_any)
        st = walk_union(call, &p);
    else if (!st)
        st = fc_record_scan(call, q->type, q->after_id, visit, &p);
    *next_after_id = p.full ? p.last : 0;
    if (st == FC_DATA_LOSS)
        return fc_call_fail(call, st, "a stored record does not decode");
    return st ? fc_call_fail(call, st, "cannot list %ss: %s",
                             fc_registry_service.records[q->type].name, fc_status_name(st))
              : FC_OK;
}

typedef struct {
    reg_query_t *q;
    size_t index;
} region_t;

static fc_status_t add_lookup(fc_call_t *call, reg_query_t *q, size_t index, uint64_t id)
{
    reg_lookup_t *grown = realloc(q->any, (q->n_any + 1) * sizeof *grown);
    if (!grown)
        return fc_call_oom(call);
    q->any = grown;
    q->any[q->n_any].index = index;
    fc_index_key_u64(&q->any[q->n_any++].key, id);
    return FC_OK;
}

static fc_status_t add_member(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)stop;
    region_t *r = arg;
    uint64_t id = fc_record_id(record);
    protobuf_c_message_free_unpacked(record, NULL);
    return add_lookup(call, r->q, r->index, id);
}

fc_status_t reg_query_region(fc_call_t *call, reg_query_t *q, size_t index, uint64_t region_id)
{
    fc_index_key_t key;
    fc_index_key_u64(&key, region_id);
    region_t r = { q, index };
    q->use_any = true;
    fc_status_t st = fc_record_index_scan(call, REC_ORGANISATION, IX_ORG_REGION, &key, 0,
                                          add_member, &r);
    /* The region itself, as a member of its own region. */
    return st ? st : add_lookup(call, q, index, region_id);
}

fc_status_t reg_region_of(fc_call_t *call, uint64_t organisation_id, uint64_t *region_id)
{
    Fcavtal__V1__Organisation *org;
    *region_id = 0;
    fc_status_t st = fc_record_get(call, REC_ORGANISATION, organisation_id, (ProtobufCMessage **)&org);
    if (st == FC_NOT_FOUND)
        return FC_OK;
    if (st)
        return st;
    *region_id = org->region_id;
    fcavtal__v1__organisation__free_unpacked(org, NULL);
    return FC_OK;
}
