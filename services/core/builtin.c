/* The requests every service answers from the core: audit (the events,
 * filtered), snapshot (the whole state, in pages), today and set_today. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "runtime.h"

#define AUDIT_DEFAULT_LIMIT 100
#define AUDIT_MAX_LIMIT 10000
/* Events one audit request reads at most while filtering; the reply's
 * next_after_seq says where to continue. */
#define AUDIT_SCAN_MAX 100000
#define SNAPSHOT_DEFAULT_RECORDS 1000
#define SNAPSHOT_MAX_RECORDS 10000
#define SNAPSHOT_PAGE_BYTES ((size_t)2 << 20)
#define CURSOR_SIZE 9

#define MEMBER(type, msg, off) (*(type *)((char *)(msg) + (off)))

/* ------------------------------------------------------------ audit */

static int entity_type(fc_server_t *self, const char *name)
{
    for (size_t t = 0; t < self->def->n_records; t++)
        if (strcmp(self->def->records[t].name, name) == 0)
            return (int)t;
    return -1;
}

static fc_status_t unknown_entity(fc_call_t *call, const char *name)
{
    fc_server_t *self = call->server;
    char names[256] = "";
    for (size_t t = 0; t < self->def->n_records; t++) {
        size_t len = strlen(names);
        snprintf(names + len, sizeof names - len, "%s%s", t ? ", " : "", self->def->records[t].name);
    }
    fc_call_violation(call, "audit.entity", "one of: %s", names);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "unknown entity '%s'", name);
}

typedef struct {
    fc_call_t *call;
    ProtobufCMessage *log;
    int type;            /* -1: every type */
    uint64_t id;         /* 0: every record */
    size_t limit, found;
} audit_t;

/* Appends the event stored under `seq` when it matches. */
static fc_status_t take_event(audit_t *a, const MDB_val *v)
{
    fc_server_t *self = a->call->server;
    ProtobufCMessage *ev = protobuf_c_message_unpack(self->env.event_desc, NULL, v->mv_size, v->mv_data);
    if (!ev)
        return fc_call_fail(a->call, FC_DATA_LOSS, "a stored event does not decode");
    fc_field_t member;
    const ProtobufCMessage *record = fc_envelope_event_record(&self->env, ev, &member);
    bool match = a->type < 0 || member == self->records[a->type].event_member;
    if (match && a->id)
        match = record && fc_record_id(record) == a->id;
    if (!match || fc_pb_append(a->log, self->env.audit_events, ev)) {
        protobuf_c_message_free_unpacked(ev, NULL);
        return match ? fc_call_oom(a->call) : FC_OK;
    }
    a->found++;
    return FC_OK;
}

static fc_status_t audit_scan(audit_t *a, uint64_t after)
{
    fc_server_t *self = a->call->server;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(a->call->txn, self->core_dbi[CORE_EVENTS], &cur);
    if (rc)
        return fc_call_fail(a->call, fc_status_from_mdb(rc), "cannot read the audit trail");
    uint8_t start[8];
    fc_key_put_u64(start, after + 1);
    MDB_val k = { sizeof start, start }, v;
    fc_status_t st = FC_OK;
    uint64_t last = after;
    size_t scanned = 0;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
         !rc && !st && a->found < a->limit && scanned < AUDIT_SCAN_MAX;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT), scanned++) {
        last = fc_key_get_u64(k.mv_data);
        st = take_event(a, &v);
    }
    mdb_cursor_close(cur);
    if (self->env.audit_next && !st)
        MEMBER(uint64_t, a->log, self->env.audit_next->offset) = last;
    return st;
}

/* One record's events through the index by record: no scan of the trail. */
static fc_status_t audit_record(audit_t *a, uint64_t after)
{
    fc_server_t *self = a->call->server;
    MDB_cursor *cur;
    int rc = mdb_cursor_open(a->call->txn, self->core_dbi[CORE_EVENTS_BY_RECORD], &cur);
    if (rc)
        return fc_call_fail(a->call, fc_status_from_mdb(rc), "cannot read the audit trail");
    uint8_t key[9], from[8];
    key[0] = (uint8_t)a->type;
    fc_key_put_u64(key + 1, a->id);
    fc_key_put_u64(from, after + 1);
    MDB_val k = { sizeof key, key }, v = { sizeof from, from }, ev;
    fc_status_t st = FC_OK;
    uint64_t last = after;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_GET_BOTH_RANGE); !rc && !st && a->found < a->limit;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP)) {
        MDB_val sk = { 8, v.mv_data };
        last = fc_key_get_u64(v.mv_data);
        int grc = mdb_get(a->call->txn, self->core_dbi[CORE_EVENTS], &sk, &ev);
        st = grc ? fc_call_fail(a->call, FC_DATA_LOSS, "event %llu is missing", (unsigned long long)last)
                 : take_event(a, &ev);
    }
    mdb_cursor_close(cur);
    if (self->env.audit_next && !st)
        MEMBER(uint64_t, a->log, self->env.audit_next->offset) = last;
    return st;
}

static fc_status_t builtin_audit(fc_call_t *call, const void *body, void *reply)
{
    const Fcavtal__V1__AuditQuery *q = body;
    fc_server_t *self = call->server;
    audit_t a = { .call = call, .type = -1, .id = q->id };
    if (*q->entity && (a.type = entity_type(self, q->entity)) < 0)
        return unknown_entity(call, q->entity);
    a.limit = !q->limit ? AUDIT_DEFAULT_LIMIT : q->limit > AUDIT_MAX_LIMIT ? AUDIT_MAX_LIMIT : q->limit;
    a.log = fc_pb_new(self->env.rep_audit->descriptor);
    if (!a.log)
        return fc_call_oom(call);
    fc_pb_set_oneof(reply, self->env.rep_audit, a.log);
    if (q->after_seq == UINT64_MAX)
        return FC_OK;   /* nothing comes after the last possible number */
    return a.type >= 0 && a.id ? audit_record(&a, q->after_seq) : audit_scan(&a, q->after_seq);
}

/* ------------------------------------------------------------ snapshot */

typedef struct {
    fc_call_t *call;
    ProtobufCMessage *page;
    int type;
    size_t max, n, bytes;
    uint64_t last_id;
    bool full;
} page_t;

static fc_status_t wrap_record(page_t *p, ProtobufCMessage *record)
{
    fc_server_t *self = p->call->server;
    const fc_record_def_t *def = &self->def->records[p->type];
    if (def->present)
        def->present(p->call, record);
    ProtobufCMessage *ev = fc_pb_new(self->env.event_desc);
    char action[96];
    snprintf(action, sizeof action, "%s.snapshot", def->name);
    char *owned = ev ? strdup(action) : NULL;
    if (!owned || fc_pb_append(p->page, self->env.snap_records, ev)) {
        free(owned);
        free(ev);
        protobuf_c_message_free_unpacked(record, NULL);
        return fc_call_oom(p->call);
    }
    MEMBER(char *, ev, self->env.ev_action) = owned;
    fc_pb_set_oneof(ev, self->records[p->type].event_member, record);
    return FC_OK;
}

static fc_status_t page_visit(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call;
    page_t *p = arg;
    p->last_id = fc_record_id(record);
    p->bytes += protobuf_c_message_get_packed_size(record);
    fc_status_t st = wrap_record(p, record);
    p->n++;
    if (p->n >= p->max || p->bytes >= SNAPSHOT_PAGE_BYTES)
        *stop = p->full = true;
    return st;
}

static fc_status_t set_cursor(page_t *p)
{
    fc_server_t *self = p->call->server;
    ProtobufCBinaryData *c = &MEMBER(ProtobufCBinaryData, p->page, self->env.snap_cursor->offset);
    if (!p->full)
        return FC_OK;   /* empty: the last page */
    c->data = malloc(CURSOR_SIZE);
    if (!c->data)
        return fc_call_oom(p->call);
    c->len = CURSOR_SIZE;
    c->data[0] = (uint8_t)p->type;
    fc_key_put_u64(c->data + 1, p->last_id);
    return FC_OK;
}

static fc_status_t builtin_snapshot(fc_call_t *call, const void *body, void *reply)
{
    const Fcavtal__V1__SnapshotRequest *q = body;
    fc_server_t *self = call->server;
    page_t p = { .call = call };
    if (q->cursor.len && (q->cursor.len != CURSOR_SIZE || q->cursor.data[0] >= self->def->n_records)) {
        fc_call_violation(call, "snapshot.cursor", "pass back next_cursor of the previous page");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "not a snapshot cursor");
    }
    p.type = q->cursor.len ? q->cursor.data[0] : 0;
    p.last_id = q->cursor.len ? fc_key_get_u64(q->cursor.data + 1) : 0;
    p.max = !q->max_records ? SNAPSHOT_DEFAULT_RECORDS
            : q->max_records > SNAPSHOT_MAX_RECORDS ? SNAPSHOT_MAX_RECORDS : q->max_records;
    p.page = fc_pb_new(self->env.rep_snapshot->descriptor);
    if (!p.page)
        return fc_call_oom(call);
    fc_pb_set_oneof(reply, self->env.rep_snapshot, p.page);
    fc_status_t st = fc_call_seq(call, &MEMBER(uint64_t, p.page, self->env.snap_seq->offset));
    while (!st && (size_t)p.type < self->def->n_records) {
        st = fc_record_scan(call, p.type, p.last_id, page_visit, &p);
        if (p.full)
            break;
        p.type++;
        p.last_id = 0;
    }
    if (st)
        return st == FC_DATA_LOSS ? fc_call_fail(call, st, "a stored record does not decode") : st;
    return set_cursor(&p);
}

/* ------------------------------------------------------------ today */

static fc_status_t reply_today(fc_call_t *call, void *reply, fc_date_t today)
{
    ProtobufCMessage *d = (ProtobufCMessage *)fc_pb_date_new(today);
    if (!d)
        return fc_call_oom(call);
    fc_pb_set_oneof(reply, call->server->env.rep_today, d);
    return FC_OK;
}

static fc_status_t builtin_today(fc_call_t *call, const void *body, void *reply)
{
    (void)body;
    return reply_today(call, reply, fc_call_today(call));
}

static fc_status_t builtin_set_today(fc_call_t *call, const void *body, void *reply)
{
    const Fcavtal__V1__SetTodayRequest *q = body;
    fc_server_t *self = call->server;
    char a[FC_DATE_STRLEN], b[FC_DATE_STRLEN];
    if (!self->cfg->simulate)
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "%s runs on the real date: start it with --simulate to set today",
                            self->def->name);
    fc_date_t d = { 0, 0, 0 };
    if (q->today)
        d = (fc_date_t){ q->today->year, q->today->month, q->today->day };
    if (!q->today || !fc_date_valid(d)) {
        fc_call_violation(call, "set_today.today", "a calendar date YYYY-MM-DD");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "set_today needs a valid date");
    }
    if (fc_date_cmp(d, call->today) < 0)
        return fc_call_fail(call, FC_FAILED_PRECONDITION,
                            "today is %s: simulated time only moves forward, not to %s",
                            fc_date_format(call->today, a), fc_date_format(d, b));
    /* Stored as days since 1970 plus an offset that keeps it positive. */
    fc_status_t st = fc_store_counter_set(call->txn, self->store, "today",
                                          (uint64_t)(fc_date_to_days(d) + (1 << 30)));
    if (st)
        return fc_call_fail(call, st, "cannot store today");
    fc_info("%s: today moves from %s to %s", self->def->name, fc_date_format(call->today, a),
            fc_date_format(d, b));
    return reply_today(call, reply, d);
}

/* ------------------------------------------------------------ routes */

int fc__builtin_routes(fc_server_t *self, char *err, size_t errlen)
{
    const fc_envelope_t *e = &self->env;
    const struct { fc_field_t f; fc_handler_fn fn; fc_access_t access; const char *name; } b[] = {
        { e->req_audit, builtin_audit, FC_READ, "audit" },
        { e->req_snapshot, builtin_snapshot, FC_READ, "snapshot" },
        { e->req_today, builtin_today, FC_READ, "today" },
        { e->req_set_today, builtin_set_today, FC_WRITE, "set_today" },
    };
    for (size_t i = 0; i < 4; i++) {
        self->builtin[i] = (fc_route_t){ b[i].f->id, b[i].fn, b[i].access, b[i].name,
                                         b[i].f->descriptor };
        if (b[i].f->id >= self->n_cases || self->by_case[b[i].f->id]) {
            snprintf(err, errlen, "route %s collides with a core request", b[i].name);
            return -1;
        }
        self->by_case[b[i].f->id] = &self->builtin[i];
    }
    return 0;
}
