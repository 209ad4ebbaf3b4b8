#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "fcavtal/store.h"

static const char *const ENTITY_NAMES[DB_COUNT] = {
    [DB_ORGANISATIONS] = "organisation", [DB_OPERATIONS] = "operation",
    [DB_CENTRES] = "centre", [DB_AGREEMENTS] = "agreement",
};

static MDB_dbi dbi(fc_call_t *call, int db)
{
    return fc_store_dbi(fc_call_store(call), (size_t)db);
}

fc_status_t reg_load(fc_call_t *call, int db, uint64_t id, const ProtobufCMessageDescriptor *desc,
                     ProtobufCMessage **out)
{
    fc_status_t st = fc_store_get_pb_u64(fc_call_txn(call), dbi(call, db), id, desc, out);
    if (st == FC_NOT_FOUND)
        return fc_call_fail(call, st, "no %s with id %llu", ENTITY_NAMES[db] ? ENTITY_NAMES[db] : "record",
                            (unsigned long long)id);
    if (st)
        return fc_call_fail(call, st, "cannot read %s %llu", ENTITY_NAMES[db],
                            (unsigned long long)id);
    return FC_OK;
}

fc_status_t reg_ref(fc_call_t *call, int db, uint64_t id, const ProtobufCMessageDescriptor *desc,
                    const char *field, ProtobufCMessage **out)
{
    fc_status_t st = fc_store_get_pb_u64(fc_call_txn(call), dbi(call, db), id, desc, out);
    if (st == FC_NOT_FOUND) {
        fc_call_violation(call, field, "unknown %s %llu", ENTITY_NAMES[db],
                          (unsigned long long)id);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: unknown %s %llu", field,
                            ENTITY_NAMES[db], (unsigned long long)id);
    }
    return st ? fc_call_fail(call, st, "cannot read %s %llu", ENTITY_NAMES[db],
                             (unsigned long long)id)
              : FC_OK;
}

ProtobufCMessage *reg_find(fc_call_t *call, int db, uint64_t id,
                           const ProtobufCMessageDescriptor *desc)
{
    ProtobufCMessage *out = NULL;
    fc_store_get_pb_u64(fc_call_txn(call), dbi(call, db), id, desc, &out);
    return out;
}

bool reg_exists(fc_call_t *call, int db, uint64_t id)
{
    uint8_t key[8];
    fc_key_put_u64(key, id);
    MDB_val k = { sizeof key, key }, v;
    return mdb_get(fc_call_txn(call), dbi(call, db), &k, &v) == 0;
}

fc_status_t reg_store(fc_call_t *call, int db, uint64_t id, const ProtobufCMessage *msg)
{
    fc_status_t st = fc_store_put_pb_u64(fc_call_txn(call), dbi(call, db), id, msg);
    return st ? fc_call_fail(call, st, "cannot store %s %llu", ENTITY_NAMES[db],
                             (unsigned long long)id)
              : FC_OK;
}

fc_status_t reg_new_id(fc_call_t *call, int db, uint64_t *id)
{
    char name[64];
    snprintf(name, sizeof name, "id.%s", ENTITY_NAMES[db]);
    fc_status_t st = fc_store_counter_next(fc_call_txn(call), fc_call_store(call), name, id);
    return st ? fc_call_fail(call, st, "cannot allocate an id") : FC_OK;
}

static int64_t now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

fc_status_t reg_emit(fc_call_t *call, const char *action, const ProtobufCMessage *record)
{
    Fcavtal__V1__RegistryEvent ev = FCAVTAL__V1__REGISTRY_EVENT__INIT;
    fc_status_t st = fc_call_next_seq(call, &ev.seq);
    if (st)
        return fc_call_fail(call, st, "cannot advance the event sequence");
    ev.at_unix_ms = now_ms();
    ev.actor = (char *)fc_call_actor(call);
    ev.request_id = (char *)fc_call_request_id(call);
    ev.action = (char *)action;
    /* The event borrows the record only while it is packed. */
    if (record->descriptor == &fcavtal__v1__organisation__descriptor) {
        ev.entity_case = FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION;
        ev.organisation = (Fcavtal__V1__Organisation *)record;
    } else if (record->descriptor == &fcavtal__v1__operation__descriptor) {
        ev.entity_case = FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION;
        ev.operation = (Fcavtal__V1__Operation *)record;
    } else if (record->descriptor == &fcavtal__v1__centre__descriptor) {
        ev.entity_case = FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE;
        ev.centre = (Fcavtal__V1__Centre *)record;
    } else {
        ev.entity_case = FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT;
        ev.agreement = (Fcavtal__V1__Agreement *)record;
    }
    char topic[64];
    snprintf(topic, sizeof topic, "registry.%s", action);
    st = fc_call_publish(call, topic, ev.seq, &ev.base);
    return st ? fc_call_fail(call, st, "cannot record the event") : FC_OK;
}

int reg_scan(fc_call_t *call, int db, const ProtobufCMessageDescriptor *desc, reg_visit_fn fn,
             void *arg)
{
    MDB_cursor *cur;
    if (mdb_cursor_open(fc_call_txn(call), dbi(call, db), &cur))
        return -1;
    MDB_val k, v;
    int rc = 0, mrc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    while (!rc && mrc == 0) {
        ProtobufCMessage *record = protobuf_c_message_unpack(desc, NULL, v.mv_size, v.mv_data);
        rc = record ? fn(call, record, arg) : -1;
        mrc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
    }
    mdb_cursor_close(cur);
    return rc;
}

int reg_append(size_t *n, void *items_field, void *item)
{
    void ***items = items_field;
    void **grown = realloc(*items, (*n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    grown[(*n)++] = item;
    *items = grown;
    return 0;
}

typedef struct {
    reg_keep_fn keep;
    const void *filter;
    size_t *n;
    void *items;
} list_t;

static int collect(fc_call_t *call, ProtobufCMessage *record, void *arg)
{
    list_t *l = arg;
    bool kept = l->keep(call, record, l->filter);
    if (kept && reg_append(l->n, l->items, record) == 0)
        return 0;
    protobuf_c_message_free_unpacked(record, NULL);
    return kept ? -1 : 0;
}

fc_status_t reg_list(fc_call_t *call, int db, const ProtobufCMessageDescriptor *desc,
                     reg_keep_fn keep, const void *filter, size_t *n, void *items_field)
{
    list_t l = { keep, filter, n, items_field };
    if (reg_scan(call, db, desc, collect, &l))
        return fc_call_fail(call, FC_INTERNAL, "cannot list %ss", ENTITY_NAMES[db]);
    return FC_OK;
}
