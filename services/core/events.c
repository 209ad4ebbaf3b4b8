/* Events: every change is kept under the next gapless sequence number (the
 * audit trail, with an index by record so one record's history is a range
 * read) and published on the PUB socket after its transaction commits. An
 * idle service publishes a heartbeat with its latest sequence number, so a
 * subscriber that lost events at the high-water mark learns of the gap
 * within a second instead of at the next change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "runtime.h"

void fc__discard_events(zlist_t *events)
{
    zmsg_t *msg;
    while (events && (msg = zlist_pop(events)))
        zmsg_destroy(&msg);
}

static zmsg_t *topic_message(const char *topic, const void *data, size_t size)
{
    zmsg_t *msg = zmsg_new();
    if (msg && (zmsg_addstr(msg, topic) || zmsg_addmem(msg, data, size)))
        zmsg_destroy(&msg);
    return msg;
}

static fc_status_t index_event(fc_call_t *call, int type, uint64_t id, uint64_t seq)
{
    uint8_t key[9], val[8];
    key[0] = (uint8_t)type;
    fc_key_put_u64(key + 1, id);
    fc_key_put_u64(val, seq);
    MDB_val k = { sizeof key, key }, v = { sizeof val, val };
    int rc = mdb_put(call->txn, call->server->core_dbi[CORE_EVENTS_BY_RECORD], &k, &v, 0);
    return fc_status_from_mdb(rc);
}

/* Stores the packed event and queues it for the PUB socket. */
static fc_status_t record_event(fc_call_t *call, const char *topic, uint64_t seq,
                                const ProtobufCMessage *event)
{
    size_t size = protobuf_c_message_get_packed_size(event);
    uint8_t key[8];
    fc_key_put_u64(key, seq);
    MDB_val k = { sizeof key, key }, v = { size, NULL };
    int rc = mdb_put(call->txn, call->server->core_dbi[CORE_EVENTS], &k, &v, MDB_RESERVE);
    if (rc)
        return fc_status_from_mdb(rc);
    protobuf_c_message_pack(event, v.mv_data);
    zmsg_t *msg = topic_message(topic, v.mv_data, size);
    if (!msg || zlist_append(call->events, msg)) {
        zmsg_destroy(&msg);
        return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}

fc_status_t fc_call_emit(fc_call_t *call, int type, const char *verb,
                         const ProtobufCMessage *record)
{
    fc_server_t *self = call->server;
    if (type < 0 || (size_t)type >= self->def->n_records
        || record->descriptor != self->def->records[type].desc)
        return fc_call_fail(call, FC_INTERNAL, "emit: not a record of type %d", type);
    const char *name = self->def->records[type].name;
    char action[96], topic[160];
    snprintf(action, sizeof action, "%s.%s", name, verb);
    snprintf(topic, sizeof topic, "%s.%s", self->def->name, action);
    uint64_t seq;
    fc_status_t st = fc_store_counter_next(call->txn, self->store, "seq", &seq);
    if (st)
        return fc_call_fail(call, st, "cannot advance the event sequence");
    ProtobufCMessage *event = fc_pb_new(self->env.event_desc);
    if (!event)
        return fc_call_oom(call);
    /* The event borrows every part while it is packed, then only its shell
     * is freed. */
    fc_envelope_event_fill(&self->env, event, seq, fc__now_ms(), call->actor, call->request_id,
                           action);
    fc_pb_set_oneof(event, self->records[type].event_member, (void *)record);
    st = record_event(call, topic, seq, event);
    free(event);
    if (!st)
        st = index_event(call, type, fc_record_id(record), seq);
    return st ? fc_call_fail(call, st, "cannot record the event: %s", fc_status_name(st)) : FC_OK;
}

void fc__publish_outbox(fc_server_t *self)
{
    zmsg_t *event;
    bool any = false;
    while ((event = zlist_pop(self->outbox))) {
        any = true;
        /* PUB never blocks: past the high-water mark a slow subscriber loses
         * events, and learns of it from the next event or heartbeat. */
        if (zmsg_send(&event, self->pub))
            zmsg_destroy(&event);
    }
    if (any)
        self->last_publish_ms = fc__now_ms();
}

int fc__heartbeat(fc_server_t *self)
{
    int64_t now = fc__now_ms();
    if (now - self->last_publish_ms < self->cfg->heartbeat_ms)
        return 0;
    Fcavtal__V1__Heartbeat hb = FCAVTAL__V1__HEARTBEAT__INIT;
    hb.service = (char *)self->def->name;
    hb.seq = self->seq;
    hb.at_unix_ms = now;
    uint8_t buf[256];
    size_t size = fcavtal__v1__heartbeat__get_packed_size(&hb);
    if (size > sizeof buf)
        return 0;
    fcavtal__v1__heartbeat__pack(&hb, buf);
    char topic[96];
    snprintf(topic, sizeof topic, "%s.heartbeat", self->def->name);
    zmsg_t *msg = topic_message(topic, buf, size);
    if (!msg || zmsg_send(&msg, self->pub)) {
        zmsg_destroy(&msg);
        fc_warn("%s: could not publish a heartbeat", self->def->name);
        return 0;
    }
    self->last_publish_ms = now;
    return 0;
}
