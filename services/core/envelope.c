#include "envelope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMBER(type, msg, off) (*(type *)((char *)(msg) + (off)))
#define CMEMBER(type, msg, off) (*(type const *)((const char *)(msg) + (off)))

static fc_field_t field(const ProtobufCMessageDescriptor *d, const char *name, ProtobufCType type,
                        ProtobufCLabel label)
{
    fc_field_t f = protobuf_c_message_descriptor_get_field_by_name(d, name);
    return f && f->type == type && f->label == label ? f : NULL;
}

static fc_field_t oneof_member(const ProtobufCMessageDescriptor *d, const char *name,
                               const ProtobufCMessageDescriptor *type)
{
    fc_field_t f = protobuf_c_message_descriptor_get_field_by_name(d, name);
    if (!f || !(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) || f->type != PROTOBUF_C_TYPE_MESSAGE)
        return NULL;
    return !type || f->descriptor == type ? f : NULL;
}

/* The one oneof of a message: its case offset, or -1 when there is none or
 * more than one (the runtime routes by a single body case). */
static long single_oneof(const ProtobufCMessageDescriptor *d)
{
    long offset = -1;
    for (unsigned i = 0; i < d->n_fields; i++) {
        if (!(d->fields[i].flags & PROTOBUF_C_FIELD_FLAG_ONEOF))
            continue;
        if (offset >= 0 && (unsigned)offset != d->fields[i].quantifier_offset)
            return -2;
        offset = d->fields[i].quantifier_offset;
    }
    return offset;
}

static int need(fc_field_t f, const char *msg, const char *what, char *err, size_t errlen)
{
    if (f)
        return 0;
    snprintf(err, errlen, "%s lacks %s", msg, what);
    return -1;
}

static int init_request(fc_envelope_t *env, const ProtobufCMessageDescriptor *d, char *err,
                        size_t errlen)
{
    const ProtobufCLabel one = PROTOBUF_C_LABEL_NONE;
    fc_field_t rid = field(d, "request_id", PROTOBUF_C_TYPE_STRING, one);
    fc_field_t act = field(d, "actor", PROTOBUF_C_TYPE_STRING, one);
    long body = single_oneof(d);
    if (need(rid, d->name, "string request_id", err, errlen)
        || need(act, d->name, "string actor", err, errlen))
        return -1;
    if (body < 0) {
        snprintf(err, errlen, "%s must have exactly one oneof (its body)%s", d->name,
                 body == -2 ? ", it has more" : "");
        return -1;
    }
    env->req_id = rid->offset;
    env->req_actor = act->offset;
    env->req_case = (unsigned)body;
    env->req_audit = oneof_member(d, "audit", &fcavtal__v1__audit_query__descriptor);
    env->req_snapshot = oneof_member(d, "snapshot", &fcavtal__v1__snapshot_request__descriptor);
    env->req_today = oneof_member(d, "today", &fcavtal__v1__today_request__descriptor);
    env->req_set_today = oneof_member(d, "set_today", &fcavtal__v1__set_today_request__descriptor);
    return need(env->req_audit, d->name, "body AuditQuery audit", err, errlen)
           || need(env->req_snapshot, d->name, "body SnapshotRequest snapshot", err, errlen)
           || need(env->req_today, d->name, "body TodayRequest today", err, errlen)
           || need(env->req_set_today, d->name, "body SetTodayRequest set_today", err, errlen)
           ? -1 : 0;
}

static int init_builtin_replies(fc_envelope_t *env, const ProtobufCMessageDescriptor *d,
                                char *err, size_t errlen)
{
    const ProtobufCMessageDescriptor *ev = env->event_desc;
    env->rep_audit = oneof_member(d, "audit", NULL);
    env->rep_snapshot = oneof_member(d, "snapshot", NULL);
    env->rep_today = oneof_member(d, "today", &fcavtal__v1__date__descriptor);
    if (need(env->rep_audit, d->name, "body audit", err, errlen)
        || need(env->rep_snapshot, d->name, "body snapshot", err, errlen)
        || need(env->rep_today, d->name, "body Date today", err, errlen))
        return -1;
    const ProtobufCMessageDescriptor *a = env->rep_audit->descriptor;
    const ProtobufCMessageDescriptor *s = env->rep_snapshot->descriptor;
    env->audit_events = field(a, "events", PROTOBUF_C_TYPE_MESSAGE, PROTOBUF_C_LABEL_REPEATED);
    env->audit_next = field(a, "next_after_seq", PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_LABEL_NONE);
    env->snap_seq = field(s, "seq", PROTOBUF_C_TYPE_UINT64, PROTOBUF_C_LABEL_NONE);
    env->snap_records = field(s, "records", PROTOBUF_C_TYPE_MESSAGE, PROTOBUF_C_LABEL_REPEATED);
    env->snap_cursor = field(s, "next_cursor", PROTOBUF_C_TYPE_BYTES, PROTOBUF_C_LABEL_NONE);
    if (env->audit_events && env->audit_events->descriptor != ev)
        env->audit_events = NULL;
    if (env->snap_records && env->snap_records->descriptor != ev)
        env->snap_records = NULL;
    return need(env->audit_events, a->name, "repeated <event> events", err, errlen)
           || need(env->snap_seq, s->name, "uint64 seq", err, errlen)
           || need(env->snap_records, s->name, "repeated <event> records", err, errlen)
           || need(env->snap_cursor, s->name, "bytes next_cursor", err, errlen)
           ? -1 : 0;
}

static int init_reply(fc_envelope_t *env, const ProtobufCMessageDescriptor *d, char *err,
                      size_t errlen)
{
    const ProtobufCLabel one = PROTOBUF_C_LABEL_NONE, many = PROTOBUF_C_LABEL_REPEATED;
    fc_field_t pid = field(d, "request_id", PROTOBUF_C_TYPE_STRING, one);
    fc_field_t st = field(d, "status", PROTOBUF_C_TYPE_MESSAGE, one);
    fc_field_t warn = field(d, "warnings", PROTOBUF_C_TYPE_STRING, many);
    fc_field_t seq = field(d, "seq", PROTOBUF_C_TYPE_UINT64, one);
    long body = single_oneof(d);
    if (st && st->descriptor != &fcavtal__v1__status__descriptor)
        st = NULL;
    if (need(pid, d->name, "string request_id", err, errlen)
        || need(st, d->name, "Status status", err, errlen)
        || need(warn, d->name, "repeated string warnings", err, errlen)
        || need(seq, d->name, "uint64 seq", err, errlen))
        return -1;
    if (body < 0) {
        snprintf(err, errlen, "%s must have exactly one oneof (its body)", d->name);
        return -1;
    }
    env->rep_id = pid->offset;
    env->rep_status = st->offset;
    env->rep_warnings = warn->offset;
    env->rep_n_warnings = warn->quantifier_offset;
    env->rep_seq = seq->offset;
    env->rep_case = (unsigned)body;
    return init_builtin_replies(env, d, err, errlen);
}

static int init_event(fc_envelope_t *env, const ProtobufCMessageDescriptor *d, char *err,
                      size_t errlen)
{
    const ProtobufCLabel one = PROTOBUF_C_LABEL_NONE;
    fc_field_t seq = field(d, "seq", PROTOBUF_C_TYPE_UINT64, one);
    fc_field_t at = field(d, "at_unix_ms", PROTOBUF_C_TYPE_INT64, one);
    fc_field_t actor = field(d, "actor", PROTOBUF_C_TYPE_STRING, one);
    fc_field_t rid = field(d, "request_id", PROTOBUF_C_TYPE_STRING, one);
    fc_field_t action = field(d, "action", PROTOBUF_C_TYPE_STRING, one);
    long entity = single_oneof(d);
    if (need(seq, d->name, "uint64 seq", err, errlen) || need(at, d->name, "int64 at_unix_ms", err, errlen)
        || need(actor, d->name, "string actor", err, errlen)
        || need(rid, d->name, "string request_id", err, errlen)
        || need(action, d->name, "string action", err, errlen))
        return -1;
    if (entity < 0) {
        snprintf(err, errlen, "%s must have exactly one oneof (its entity)", d->name);
        return -1;
    }
    env->ev_seq = seq->offset;
    env->ev_at = at->offset;
    env->ev_actor = actor->offset;
    env->ev_request_id = rid->offset;
    env->ev_action = action->offset;
    env->ev_case = (unsigned)entity;
    return 0;
}

int fc_envelope_init(fc_envelope_t *env, const ProtobufCMessageDescriptor *request_desc,
                     const ProtobufCMessageDescriptor *reply_desc,
                     const ProtobufCMessageDescriptor *event_desc, char *err, size_t errlen)
{
    memset(env, 0, sizeof *env);
    env->request_desc = request_desc;
    env->reply_desc = reply_desc;
    env->event_desc = event_desc;
    if (!request_desc || !reply_desc || !event_desc) {
        snprintf(err, errlen, "a service needs request, reply and event messages");
        return -1;
    }
    if (init_event(env, event_desc, err, errlen) || init_request(env, request_desc, err, errlen))
        return -1;
    return init_reply(env, reply_desc, err, errlen);
}

const char *fc_envelope_request_id(const fc_envelope_t *env, const ProtobufCMessage *req)
{
    return CMEMBER(const char *, req, env->req_id);
}

const char *fc_envelope_actor(const fc_envelope_t *env, const ProtobufCMessage *req)
{
    return CMEMBER(const char *, req, env->req_actor);
}

uint32_t fc_envelope_case(const fc_envelope_t *env, const ProtobufCMessage *req)
{
    return CMEMBER(uint32_t, req, env->req_case);
}

fc_field_t fc_envelope_body_field(const fc_envelope_t *env, uint32_t which)
{
    fc_field_t f = protobuf_c_message_descriptor_get_field(env->request_desc, which);
    return f && (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && f->quantifier_offset == env->req_case
           && f->type == PROTOBUF_C_TYPE_MESSAGE ? f : NULL;
}

fc_field_t fc_envelope_reply_field(const fc_envelope_t *env, uint32_t which)
{
    fc_field_t f = protobuf_c_message_descriptor_get_field(env->reply_desc, which);
    return f && (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && f->quantifier_offset == env->rep_case
           && f->type == PROTOBUF_C_TYPE_MESSAGE ? f : NULL;
}

const void *fc_envelope_body(const ProtobufCMessage *req, fc_field_t f)
{
    return CMEMBER(const void *, req, f->offset);
}

fc_field_t fc_envelope_event_member(const fc_envelope_t *env,
                                    const ProtobufCMessageDescriptor *desc)
{
    const ProtobufCMessageDescriptor *d = env->event_desc;
    for (unsigned i = 0; i < d->n_fields; i++) {
        fc_field_t f = &d->fields[i];
        if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && f->quantifier_offset == env->ev_case
            && f->type == PROTOBUF_C_TYPE_MESSAGE && f->descriptor == desc)
            return f;
    }
    return NULL;
}

ProtobufCMessage *fc_pb_new(const ProtobufCMessageDescriptor *desc)
{
    return fc_pb_new_in(desc, NULL);
}

/* Allocator `a`, or the heap when it is NULL. */
static void *alloc_in(ProtobufCAllocator *a, size_t n)
{
    return a ? a->alloc(a->allocator_data, n) : malloc(n);
}

static void free_in(ProtobufCAllocator *a, void *p)
{
    if (a)
        a->free(a->allocator_data, p);
    else
        free(p);
}

ProtobufCMessage *fc_pb_new_in(const ProtobufCMessageDescriptor *desc, ProtobufCAllocator *a)
{
    ProtobufCMessage *m = alloc_in(a, desc->sizeof_message);
    if (m)
        protobuf_c_message_init(desc, m);
    return m;
}

int fc_envelope_set_request_id(const fc_envelope_t *env, ProtobufCMessage *rep, const char *id,
                               ProtobufCAllocator *a)
{
    if (!id || !*id)
        return 0;
    size_t n = strlen(id) + 1;
    char *copy = alloc_in(a, n);
    if (!copy)
        return -1;
    memcpy(copy, id, n);
    char **slot = &MEMBER(char *, rep, env->rep_id);
    if (*slot && *slot != protobuf_c_empty_string)
        free_in(a, *slot);
    *slot = copy;
    return 0;
}

void fc_envelope_set_status(const fc_envelope_t *env, ProtobufCMessage *rep,
                            Fcavtal__V1__Status *status, ProtobufCAllocator *a)
{
    Fcavtal__V1__Status **slot = &MEMBER(Fcavtal__V1__Status *, rep, env->rep_status);
    if (*slot)
        fcavtal__v1__status__free_unpacked(*slot, a);
    *slot = status;
}

void fc_envelope_set_warnings(const fc_envelope_t *env, ProtobufCMessage *rep, char **warnings,
                              size_t n)
{
    MEMBER(char **, rep, env->rep_warnings) = warnings;
    MEMBER(size_t, rep, env->rep_n_warnings) = n;
}

void fc_envelope_set_seq(const fc_envelope_t *env, ProtobufCMessage *rep, uint64_t seq)
{
    MEMBER(uint64_t, rep, env->rep_seq) = seq;
}

void fc_pb_set_oneof(ProtobufCMessage *msg, fc_field_t f, void *value)
{
    MEMBER(void *, msg, f->offset) = value;
    MEMBER(uint32_t, msg, f->quantifier_offset) = f->id;
}

/* protobuf-c has no call that frees a single oneof member, so free the one
 * the case names by hand (bodies are messages or strings). */
void fc_envelope_clear_body(const fc_envelope_t *env, ProtobufCMessage *rep, ProtobufCAllocator *a)
{
    const ProtobufCMessageDescriptor *d = env->reply_desc;
    uint32_t *which = &MEMBER(uint32_t, rep, env->rep_case);
    fc_field_t f = *which ? protobuf_c_message_descriptor_get_field(d, *which) : NULL;
    if (f) {
        void **slot = &MEMBER(void *, rep, f->offset);
        if (f->type == PROTOBUF_C_TYPE_MESSAGE && *slot)
            protobuf_c_message_free_unpacked(*slot, a);
        else if (f->type == PROTOBUF_C_TYPE_STRING && *slot && *slot != protobuf_c_empty_string)
            free_in(a, *slot);
        *slot = NULL;
    }
    *which = 0;
}

void fc_envelope_event_fill(const fc_envelope_t *env, ProtobufCMessage *event, uint64_t seq,
                            int64_t at_ms, const char *actor, const char *request_id,
                            const char *action)
{
    MEMBER(uint64_t, event, env->ev_seq) = seq;
    MEMBER(int64_t, event, env->ev_at) = at_ms;
    MEMBER(const char *, event, env->ev_actor) = actor;
    MEMBER(const char *, event, env->ev_request_id) = request_id;
    MEMBER(const char *, event, env->ev_action) = action;
}

uint64_t fc_envelope_event_seq(const fc_envelope_t *env, const ProtobufCMessage *event)
{
    return CMEMBER(uint64_t, event, env->ev_seq);
}

const char *fc_envelope_event_action(const fc_envelope_t *env, const ProtobufCMessage *event)
{
    return CMEMBER(const char *, event, env->ev_action);
}

const ProtobufCMessage *fc_envelope_event_record(const fc_envelope_t *env,
                                                 const ProtobufCMessage *event, fc_field_t *member)
{
    uint32_t which = CMEMBER(uint32_t, event, env->ev_case);
    fc_field_t f = which ? protobuf_c_message_descriptor_get_field(env->event_desc, which) : NULL;
    if (member)
        *member = f;
    return f && f->type == PROTOBUF_C_TYPE_MESSAGE ? CMEMBER(const ProtobufCMessage *, event, f->offset)
                                                   : NULL;
}

int fc_pb_append(ProtobufCMessage *msg, fc_field_t f, void *item)
{
    size_t *n = &MEMBER(size_t, msg, f->quantifier_offset);
    void ***items = &MEMBER(void **, msg, f->offset);
    void **grown = realloc(*items, (*n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    grown[(*n)++] = item;
    *items = grown;
    return 0;
}
