/* Record tables: one database per record type keyed by id (8 bytes
 * big-endian, so LMDB's order is id order), and per index a DUPSORT
 * database of key -> id, changed in the same transaction as the record. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pbscan.h"
#include "runtime.h"

#define MEMBER(type, msg, off) (*(type *)((const char *)(msg) + (off)))

void fc_index_key_u64(fc_index_key_t *key, uint64_t value)
{
    key->len = 8;
    fc_key_put_u64(key->data, value);
}

void fc_index_key_u32(fc_index_key_t *key, uint32_t value)
{
    key->len = 4;
    for (int i = 0; i < 4; i++)
        key->data[i] = (uint8_t)(value >> (24 - 8 * i));
}

void fc_index_key_text(fc_index_key_t *key, const char *text)
{
    size_t n = strlen(text);
    key->len = n < FC_INDEX_KEY_MAX ? n : FC_INDEX_KEY_MAX;
    memcpy(key->data, text, key->len);
}

uint64_t fc_record_id(const ProtobufCMessage *record)
{
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name(record->descriptor, "id");
    return f && f->type == PROTOBUF_C_TYPE_UINT64 ? MEMBER(uint64_t, record, f->offset) : 0;
}

/* ------------------------------------------------------------ set-up */

int fc__records_dbs(const fc_service_def_t *def, fc_store_db_t *dbs, size_t *n, size_t cap)
{
    for (size_t t = 0; t < def->n_records; t++) {
        const fc_record_def_t *r = &def->records[t];
        if (*n + 1 + r->n_indexes > cap)
            return -1;
        dbs[(*n)++] = (fc_store_db_t){ r->db, 0 };
        for (size_t i = 0; i < r->n_indexes; i++)
            dbs[(*n)++] = (fc_store_db_t){ r->indexes[i].db, MDB_DUPSORT | MDB_DUPFIXED };
    }
    return 0;
}

int fc__records_bind(fc_server_t *self, size_t first, char *err, size_t errlen)
{
    const fc_service_def_t *def = self->def;
    self->records = calloc(def->n_records ? def->n_records : 1, sizeof *self->records);
    if (!self->records)
        return snprintf(err, errlen, "out of memory"), -1;
    size_t dbi = first;
    for (size_t t = 0; t < def->n_records; t++) {
        const fc_record_def_t *r = &def->records[t];
        fc_record_rt_t *rt = &self->records[t];
        rt->id_field = protobuf_c_message_descriptor_get_field_by_name(r->desc, "id");
        rt->event_member = fc_envelope_event_member(&self->env, r->desc);
        if (!rt->id_field || rt->id_field->type != PROTOBUF_C_TYPE_UINT64
            || rt->id_field->label != PROTOBUF_C_LABEL_NONE)
            return snprintf(err, errlen, "record %s (%s) lacks uint64 id", r->name, r->desc->name), -1;
        if (!rt->event_member)
            return snprintf(err, errlen, "%s has no entity member for %s",
                            self->env.event_desc->name, r->desc->name), -1;
        rt->primary = fc_store_dbi(self->store, dbi++);
        rt->indexes = calloc(r->n_indexes ? r->n_indexes : 1, sizeof *rt->indexes);
        if (!rt->indexes)
            return snprintf(err, errlen, "out of memory"), -1;
        for (size_t i = 0; i < r->n_indexes; i++)
            rt->indexes[i] = fc_store_dbi(self->store, dbi++);
    }
    return 0;
}

void fc__records_free(fc_server_t *self)
{
    for (size_t t = 0; self->records && t < self->def->n_records; t++)
        free(self->records[t].indexes);
    free(self->records);
    self->records = NULL;
}

/* ------------------------------------------------------------ access */

static const fc_record_rt_t *rt_of(fc_call_t *call, int type)
{
    if (type < 0 || (size_t)type >= call->server->def->n_records)
        return NULL;
    return &call->server->records[type];
}

static fc_status_t unpack(const fc_record_def_t *def, const MDB_val *v, ProtobufCAllocator *a,
                          ProtobufCMessage **out)
{
    *out = protobuf_c_message_unpack(def->desc, a, v->mv_size, v->mv_data);
    return *out ? FC_OK : FC_DATA_LOSS;
}

static fc_status_t get_raw(fc_call_t *call, const fc_record_rt_t *rt, uint64_t id, MDB_val *v)
{
    uint8_t key[8];
    fc_key_put_u64(key, id);
    MDB_val k = { sizeof key, key };
    return fc_status_from_mdb(mdb_get(call->txn, rt->primary, &k, v));
}

fc_status_t fc_record_get(fc_call_t *call, int type, uint64_t id, ProtobufCMessage **out)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    *out = NULL;
    if (!rt)
        return FC_INTERNAL;
    MDB_val v;
    fc_status_t st = get_raw(call, rt, id, &v);
    return st ? st : unpack(&call->server->def->records[type], &v, NULL, out);
}

static fc_status_t load_failed(fc_call_t *call, int type, uint64_t id, fc_status_t st)
{
    const char *name = rt_of(call, type) ? call->server->def->records[type].name : "record";
    if (st == FC_NOT_FOUND)
        return fc_call_fail(call, st, "no %s with id %llu", name, (unsigned long long)id);
    return fc_call_fail(call, st, "cannot read %s %llu: %s", name, (unsigned long long)id,
                        st == FC_DATA_LOSS ? "the stored record does not decode"
                                           : fc_status_name(st));
}

fc_status_t fc_record_load(fc_call_t *call, int type, uint64_t id, ProtobufCMessage **out)
{
    fc_status_t st = fc_record_get(call, type, id, out);
    return st == FC_OK ? st : load_failed(call, type, id, st);
}

fc_status_t fc_record_reply(fc_call_t *call, int type, uint64_t id, uint32_t reply_case)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    fc_field_t member = fc_envelope_reply_field(&call->server->env, reply_case);
    if (!rt || !member || member->descriptor != call->server->def->records[type].desc)
        return fc_call_fail(call, FC_INTERNAL, "reply member %u cannot hold a record of type %d",
                            reply_case, type);
    MDB_val v;
    fc_status_t st = get_raw(call, rt, id, &v);
    /* The walk that guards requests also proves the stored bytes decode,
     * without decoding them: a damaged record is refused, not sent. */
    fc_pbscan_t scan = { .max_elements = SIZE_MAX, .max_repeated = SIZE_MAX, .stored = true };
    if (!st && fc_pbscan(call->server->def->records[type].desc, v.mv_data, v.mv_size, &scan))
        st = FC_DATA_LOSS;
    if (st)
        return load_failed(call, type, id, st);
    call->stored_body = v.mv_data;
    call->stored_size = v.mv_size;
    call->stored_case = reply_case;
    return FC_OK;
}

fc_status_t fc_record_exists(fc_call_t *call, int type, uint64_t id, bool *exists)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    *exists = false;
    if (!rt)
        return FC_INTERNAL;
    uint8_t key[8];
    fc_key_put_u64(key, id);
    MDB_val k = { sizeof key, key }, v;
    int rc = mdb_get(call->txn, rt->primary, &k, &v);
    *exists = rc == 0;
    return rc == MDB_NOTFOUND ? FC_OK : fc_status_from_mdb(rc);
}

typedef struct {
    fc_index_key_t *keys;
    size_t n;
} keyset_t;

static bool keyset_has(const keyset_t *s, const fc_index_key_t *k)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->keys[i].len == k->len && memcmp(s->keys[i].data, k->data, k->len) == 0)
            return true;
    return false;
}

/* Adds (add) or removes the pairs of `from` that `other` lacks. */
static int apply_keys(MDB_txn *txn, MDB_dbi dbi, const keyset_t *from, const keyset_t *other,
                      uint64_t id, bool add)
{
    uint8_t idkey[8];
    fc_key_put_u64(idkey, id);
    for (size_t i = 0; i < from->n; i++) {
        if (keyset_has(other, &from->keys[i]))
            continue;
        MDB_val k = { from->keys[i].len, from->keys[i].data }, v = { 8, idkey };
        int rc = add ? mdb_put(txn, dbi, &k, &v, MDB_NODUPDATA) : mdb_del(txn, dbi, &k, &v);
        if (rc && rc != MDB_KEYEXIST && rc != MDB_NOTFOUND)
            return rc;
    }
    return 0;
}

static int reindex(fc_call_t *call, int type, const ProtobufCMessage *old,
                   const ProtobufCMessage *now, uint64_t id)
{
    const fc_record_def_t *def = &call->server->def->records[type];
    const fc_record_rt_t *rt = &call->server->records[type];
    int rc = 0;
    for (size_t i = 0; !rc && i < def->n_indexes; i++) {
        const fc_index_def_t *ix = &def->indexes[i];
        keyset_t a = { calloc(ix->max_keys ? ix->max_keys : 1, sizeof *a.keys), 0 };
        keyset_t b = { calloc(ix->max_keys ? ix->max_keys : 1, sizeof *b.keys), 0 };
        if (!a.keys || !b.keys)
            rc = ENOMEM;
        if (!rc && old)
            a.n = ix->keys(old, a.keys, ix->max_keys);
        if (!rc && now)
            b.n = ix->keys(now, b.keys, ix->max_keys);
        if (!rc)
            rc = apply_keys(call->txn, rt->indexes[i], &a, &b, id, false);
        if (!rc)
            rc = apply_keys(call->txn, rt->indexes[i], &b, &a, id, true);
        free(a.keys);
        free(b.keys);
    }
    return rc;
}

static fc_status_t old_version(fc_call_t *call, int type, uint64_t id, ProtobufCMessage **old)
{
    *old = NULL;
    if (call->server->def->records[type].n_indexes == 0)
        return FC_OK;
    fc_status_t st = fc_record_get(call, type, id, old);
    return st == FC_NOT_FOUND ? FC_OK : st;
}

fc_status_t fc_record_put(fc_call_t *call, int type, const ProtobufCMessage *record)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    if (!rt || record->descriptor != call->server->def->records[type].desc)
        return fc_call_fail(call, FC_INTERNAL, "put: not a record of type %d", type);
    uint64_t id = MEMBER(uint64_t, record, rt->id_field->offset);
    ProtobufCMessage *old;
    fc_status_t st = old_version(call, type, id, &old);
    if (st)
        return fc_call_fail(call, st, "cannot read the stored %s %llu",
                            call->server->def->records[type].name, (unsigned long long)id);
    int rc = reindex(call, type, old, record, id);
    if (old)
        protobuf_c_message_free_unpacked(old, NULL);
    if (!rc) {
        uint8_t key[8];
        fc_key_put_u64(key, id);
        st = fc_store_put_pb(call->txn, rt->primary, key, sizeof key, record);
    } else {
        st = fc_status_from_mdb(rc);
    }
    return st ? fc_call_fail(call, st, "cannot store %s %llu: %s",
                             call->server->def->records[type].name, (unsigned long long)id,
                             fc_status_name(st))
              : FC_OK;
}

fc_status_t fc_record_delete(fc_call_t *call, int type, uint64_t id)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    if (!rt)
        return FC_INTERNAL;
    ProtobufCMessage *old;
    fc_status_t st = old_version(call, type, id, &old);
    if (st)
        return st;
    int rc = reindex(call, type, old, NULL, id);
    if (old)
        protobuf_c_message_free_unpacked(old, NULL);
    uint8_t key[8];
    fc_key_put_u64(key, id);
    MDB_val k = { sizeof key, key };
    if (!rc)
        rc = mdb_del(call->txn, rt->primary, &k, NULL);
    return fc_status_from_mdb(rc);
}

fc_status_t fc_record_new_id(fc_call_t *call, int type, uint64_t *id)
{
    if (!rt_of(call, type))
        return FC_INTERNAL;
    char name[96];
    snprintf(name, sizeof name, "id.%s", call->server->def->records[type].name);
    fc_status_t st = fc_store_counter_next(call->txn, call->server->store, name, id);
    return st ? fc_call_fail(call, st, "cannot allocate an id") : FC_OK;
}

/* ------------------------------------------------------------ scans */

fc_status_t fc_record_scan(fc_call_t *call, int type, uint64_t after_id, fc_record_visit_fn fn,
                           void *arg)
{
    return fc_record_scan_in(call, type, after_id, NULL, fn, arg);
}

fc_status_t fc_record_scan_in(fc_call_t *call, int type, uint64_t after_id, ProtobufCAllocator *a,
                              fc_record_visit_fn fn, void *arg)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    if (!rt)
        return FC_INTERNAL;
    if (after_id == UINT64_MAX)
        return FC_OK;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(call->txn, rt->primary, &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t start[8];
    fc_key_put_u64(start, after_id + 1);
    MDB_val k = { sizeof start, start }, v;
    fc_status_t st = FC_OK;
    bool stop = false;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); !rc && !st && !stop;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        ProtobufCMessage *record;
        st = unpack(&call->server->def->records[type], &v, a, &record);
        if (!st)
            st = fn(call, record, arg, &stop);
    }
    mdb_cursor_close(cur);
    if (!st && rc && rc != MDB_NOTFOUND)
        st = fc_status_from_mdb(rc);
    return st;
}

#define INDEX_CHUNK 256

/* Walks the index in chunks of ids (fc_record_index_ids), so that one
 * cursor routine serves both. */
fc_status_t fc_record_index_scan(fc_call_t *call, int type, size_t index,
                                 const fc_index_key_t *key, uint64_t after_id,
                                 fc_record_visit_fn fn, void *arg)
{
    fc_status_t st = FC_OK;
    bool stop = false;
    size_t n = INDEX_CHUNK;
    while (!st && !stop && n == INDEX_CHUNK) {
        uint64_t *ids;
        st = fc_record_index_ids(call, type, index, key, after_id, INDEX_CHUNK, &ids, &n);
        for (size_t i = 0; !st && !stop && i < n; i++) {
            ProtobufCMessage *record;
            st = fc_record_get(call, type, ids[i], &record);
            if (st == FC_NOT_FOUND)
                st = FC_DATA_LOSS;   /* an index entry without its record */
            if (!st)
                st = fn(call, record, arg, &stop);
        }
        if (n)
            after_id = ids[n - 1];
        free(ids);
    }
    return st;
}

fc_status_t fc_record_index_ids(fc_call_t *call, int type, size_t index,
                                const fc_index_key_t *key, uint64_t after_id, size_t max,
                                uint64_t **ids, size_t *n)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    *ids = NULL;
    *n = 0;
    if (!rt || index >= call->server->def->records[type].n_indexes)
        return FC_INTERNAL;
    if (after_id == UINT64_MAX || max == 0)
        return FC_OK;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(call->txn, rt->indexes[index], &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    uint8_t from[8];
    fc_key_put_u64(from, after_id + 1);
    MDB_val k = { key->len, (void *)key->data }, v = { 8, from };
    size_t cap = 0;
    fc_status_t st = FC_OK;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_GET_BOTH_RANGE); !rc && *n < max;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP)) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            uint64_t *grown = realloc(*ids, cap * sizeof *grown);
            if (!grown) {
                st = FC_RESOURCE_EXHAUSTED;
                break;
            }
            *ids = grown;
        }
        (*ids)[(*n)++] = v.mv_size == 8 ? fc_key_get_u64(v.mv_data) : 0;
    }
    mdb_cursor_close(cur);
    if (!st && rc && rc != MDB_NOTFOUND)
        st = fc_status_from_mdb(rc);
    if (st) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return st;
}

fc_status_t fc_record_index_count(fc_call_t *call, int type, size_t index,
                                  const fc_index_key_t *key, size_t *count)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    *count = 0;
    if (!rt || index >= call->server->def->records[type].n_indexes)
        return FC_INTERNAL;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(call->txn, rt->indexes[index], &cur);
    if (rc)
        return fc_status_from_mdb(rc);
    MDB_val k = { key->len, (void *)key->data }, v;
    rc = mdb_cursor_get(cur, &k, &v, MDB_SET);
    size_t n = 0;
    if (rc == 0)
        rc = mdb_cursor_count(cur, &n);
    mdb_cursor_close(cur);
    *count = n;
    return rc == MDB_NOTFOUND ? FC_OK : fc_status_from_mdb(rc);
}

fc_status_t fc_record_index_first(fc_call_t *call, int type, size_t index,
                                  const fc_index_key_t *key, uint64_t *id)
{
    const fc_record_rt_t *rt = rt_of(call, type);
    *id = 0;
    if (!rt || index >= call->server->def->records[type].n_indexes)
        return FC_INTERNAL;
    MDB_val k = { key->len, (void *)key->data }, v;
    int rc = mdb_get(call->txn, rt->indexes[index], &k, &v);
    if (rc)
        return fc_status_from_mdb(rc);
    if (v.mv_size != 8)
        return FC_DATA_LOSS;
    *id = fc_key_get_u64(v.mv_data);
    return FC_OK;
}
