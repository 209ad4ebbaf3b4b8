#include "run_store.h"

#include <stdlib.h>
#include <string.h>

#include "fcavtal/store.h"

static MDB_dbi dbi(fc_call_t *call, size_t which)
{
    return fc_store_dbi(fc_call_store(call), which);
}

static void page_key(uint8_t key[13], uint64_t run, int part, uint32_t page)
{
    fc_key_put_u64(key, run);
    key[8] = (uint8_t)part;
    for (int i = 0; i < 4; i++)
        key[9 + i] = (uint8_t)(page >> (24 - 8 * i));
}

fc_status_t cst__pages_put(fc_call_t *call, uint64_t run, int part, uint32_t page,
                           const void *data, size_t len)
{
    uint8_t key[13];
    page_key(key, run, part, page);
    MDB_val k = {sizeof key, key}, v = {len, NULL};
    int rc = mdb_put(fc_call_txn(call), dbi(call, CST_DB_RUN_PAGES), &k, &v, MDB_RESERVE);
    if (rc == 0 && len)
        memcpy(v.mv_data, data, len);
    return rc ? fc_call_fail(call, fc_status_from_mdb(rc), "cannot store run %llu: %s",
                             (unsigned long long)run, mdb_strerror(rc))
              : FC_OK;
}

fc_status_t cst__pages_put_pb(fc_call_t *call, uint64_t run, int part, uint32_t page,
                              const cst__page_pb_t *pg)
{
    uint8_t key[13];
    page_key(key, run, part, page);
    fc_status_t st = fc_store_put_pb(fc_call_txn(call), dbi(call, CST_DB_RUN_PAGES), key,
                                     sizeof key, &pg->base);
    return st ? fc_call_fail(call, st, "cannot store run %llu", (unsigned long long)run) : FC_OK;
}

fc_status_t cst__pages_get(fc_call_t *call, uint64_t run, int part, uint32_t page,
                           cst__page_pb_t **out)
{
    uint8_t key[13];
    page_key(key, run, part, page);
    fc_status_t st = fc_store_get_pb(fc_call_txn(call), dbi(call, CST_DB_RUN_PAGES), key,
                                     sizeof key, &fcavtal__v1__run_content_page__descriptor,
                                     (ProtobufCMessage **)out);
    if (st == FC_NOT_FOUND)
        st = FC_DATA_LOSS; /* the header says the page is there */
    return st ? fc_call_fail(call, st, "run %llu: page %u of part %d cannot be read",
                             (unsigned long long)run, page, part)
              : FC_OK;
}

fc_status_t cst__pages_drop(fc_call_t *call, uint64_t run)
{
    MDB_cursor *cur;
    int rc = mdb_cursor_open(fc_call_txn(call), dbi(call, CST_DB_RUN_PAGES), &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t prefix[8];
    fc_key_put_u64(prefix, run);
    MDB_val k = {sizeof prefix, prefix}, v;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
         rc == 0 && k.mv_size >= 8 && memcmp(k.mv_data, prefix, 8) == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
        if ((rc = mdb_cursor_del(cur, 0)))
            break;
    mdb_cursor_close(cur);
    return rc && rc != MDB_NOTFOUND ? fc_status_from_mdb(rc) : FC_OK;
}

/* ------------------------------------------------------------ covers */

static void cover_key(uint8_t key[16], uint64_t centre, uint64_t run)
{
    fc_key_put_u64(key, centre);
    fc_key_put_u64(key + 8, run);
}

/* status, kind, from, to: four int32 in big-endian order. */
static void put_i32(uint8_t *p, int64_t v)
{
    uint32_t u = (uint32_t)v;
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(u >> (24 - 8 * i));
}

static int64_t get_i32(const uint8_t *p)
{
    uint32_t u = 0;
    for (int i = 0; i < 4; i++)
        u = u << 8 | p[i];
    return (int32_t)u;
}

fc_status_t cst__cover_put(fc_call_t *call, uint64_t centre, const cst__run_cover_t *c)
{
    uint8_t key[16], val[16];
    cover_key(key, centre, c->run);
    put_i32(val, c->status);
    put_i32(val + 4, c->kind);
    put_i32(val + 8, fc_date_to_days(c->from));
    put_i32(val + 12, fc_date_to_days(c->to));
    MDB_val k = {sizeof key, key}, v = {sizeof val, val};
    int rc = mdb_put(fc_call_txn(call), dbi(call, CST_DB_RUN_CENTRES), &k, &v, 0);
    return rc ? fc_call_fail(call, fc_status_from_mdb(rc), "cannot index run %llu",
                             (unsigned long long)c->run)
              : FC_OK;
}

fc_status_t cst__cover_drop(fc_call_t *call, uint64_t centre, uint64_t run)
{
    uint8_t key[16];
    cover_key(key, centre, run);
    MDB_val k = {sizeof key, key};
    int rc = mdb_del(fc_call_txn(call), dbi(call, CST_DB_RUN_CENTRES), &k, NULL);
    return rc && rc != MDB_NOTFOUND ? fc_status_from_mdb(rc) : FC_OK;
}

fc_status_t cst__cover_list(fc_call_t *call, uint64_t centre, cst__run_cover_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(fc_call_txn(call), dbi(call, CST_DB_RUN_CENTRES), &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t prefix[8];
    fc_key_put_u64(prefix, centre);
    MDB_val k = {sizeof prefix, prefix}, v;
    size_t cap = 0;
    fc_status_t st = FC_OK;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
         rc == 0 && k.mv_size == 16 && memcmp(k.mv_data, prefix, 8) == 0 && v.mv_size == 16;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            cst__run_cover_t *g = realloc(*out, cap * sizeof *g);
            if (g == NULL) {
                st = FC_RESOURCE_EXHAUSTED;
                break;
            }
            *out = g;
        }
        const uint8_t *val = v.mv_data;
        (*out)[(*n)++] = (cst__run_cover_t){
            .run = fc_key_get_u64((const uint8_t *)k.mv_data + 8),
            .status = (Fcavtal__V1__RunStatus)get_i32(val),
            .kind = (Fcavtal__V1__RunKind)get_i32(val + 4),
            .from = fc_date_from_days(get_i32(val + 8)),
            .to = fc_date_from_days(get_i32(val + 12))};
    }
    mdb_cursor_close(cur);
    if (!st && rc && rc != MDB_NOTFOUND)
        st = fc_status_from_mdb(rc);
    if (st) {
        free(*out);
        *out = NULL;
        *n = 0;
        return st == FC_RESOURCE_EXHAUSTED ? fc_call_oom(call) : fc_call_fail(call, st, "cannot read the runs of centre %llu", (unsigned long long)centre);
    }
    return FC_OK;
}
