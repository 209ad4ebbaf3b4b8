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

/* One lookup of a union: ids fetched a few at a time, in id order. */
typedef struct {
    const reg_lookup_t *l;     /* NULL: the single also_id */
    uint64_t *ids;
    size_t n, at;
    uint64_t after;
    bool done;
} stream_t;

#define STREAM_CHUNK 32

static fc_status_t refill(fc_call_t *call, int type, stream_t *s)
{
    free(s->ids);
    s->ids = NULL;
    s->n = s->at = 0;
    if (s->done)
        return FC_OK;
    fc_status_t st = fc_record_index_ids(call, type, s->l->index, &s->l->key, s->after,
                                         STREAM_CHUNK, &s->ids, &s->n);
    if (s->n)
        s->after = s->ids[s->n - 1];
    s->done = st || s->n < STREAM_CHUNK;
    return st;
}

/* The next id a stream holds, or UINT64_MAX when it has run dry. */
static fc_status_t peek(fc_call_t *call, int type, stream_t *s, uint64_t *id)
{
    fc_status_t st = s->at == s->n && s->l ? refill(call, type, s) : FC_OK;
    *id = s->at < s->n ? s->ids[s->at] : UINT64_MAX;
    return st;
}

/* The union of the `any` lookups, merged in id order without repeats: the
 * work is the page plus a chunk per lookup, however many records the
 * lookups hold (a region is a party to all of its agreements). */
static fc_status_t walk_union(fc_call_t *call, page_t *p)
{
    const reg_query_t *q = p->q;
    size_t k = q->n_any + 1;
    stream_t *streams = calloc(k, sizeof *streams);
    if (!streams)
        return fc_call_oom(call);
    for (size_t i = 0; i < q->n_any; i++)
        streams[i] = (stream_t){ .l = &q->any[i], .after = q->after_id };
    stream_t *also = &streams[q->n_any];
    if (q->also_id > q->after_id && (also->ids = malloc(sizeof *also->ids)))
        also->ids[also->n++] = q->also_id;
    fc_status_t st = FC_OK;
    uint64_t last = q->after_id;
    while (!st && !p->full) {
        uint64_t min = UINT64_MAX, id;
        stream_t *from = NULL;
        for (size_t i = 0; !st && i < k; i++)
            if (!(st = peek(call, q->type, &streams[i], &id)) && id < min)
                min = id, from = &streams[i];
        if (st || !from)
            break;
        from->at++;
        if (min != last)
            st = walk_ids(call, p, &min, 1);
        last = min;
    }
    for (size_t i = 0; i < k; i++)
        free(streams[i].ids);
    free(streams);
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
