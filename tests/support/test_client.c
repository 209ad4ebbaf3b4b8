#include "test_client.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/v1/common.pb-c.h"

#define MEMBER(type, msg, off) (*(type *)((char *)(msg) + (off)))

int tc_connect(tc_t *t)
{
    fc_client_destroy(&t->client);
    fc_client_opts_t opts = { .endpoint = t->h.endpoint,
                              .timeout_ms = t->timeout_ms > 0 ? t->timeout_ms : 5000 };
    t->client = fc_client_new(&opts);
    return t->client ? 0 : -1;
}

int tc_start(tc_t *t, const char *const *extra_args)
{
    if (fc_harness_start(&t->h, t->binary, extra_args))
        return -1;
    return tc_connect(t);
}

int tc_restart(tc_t *t, int sig, const char *const *extra_args)
{
    fc_client_destroy(&t->client);
    fc_harness_stop(&t->h, sig);
    return tc_start(t, extra_args);
}

void tc_cleanup(tc_t *t)
{
    fc_client_destroy(&t->client);
    fc_harness_cleanup(&t->h);
}

static const ProtobufCFieldDescriptor *named(const ProtobufCMessageDescriptor *d, const char *name)
{
    return protobuf_c_message_descriptor_get_field_by_name(d, name);
}

ProtobufCMessage *tc_call(tc_t *t, const char *member, const ProtobufCMessage *body, const char *id)
{
    const ProtobufCFieldDescriptor *f = named(t->request_desc, member);
    if (!f || !t->client)
        return NULL;
    ProtobufCMessage *req = calloc(1, t->request_desc->sizeof_message);
    protobuf_c_message_init(t->request_desc, req);
    if (!id) {
        snprintf(t->last_id, sizeof t->last_id, "req-%u", ++t->counter);
        id = t->last_id;
    }
    MEMBER(const char *, req, named(t->request_desc, "request_id")->offset) = id;
    MEMBER(const char *, req, named(t->request_desc, "actor")->offset) = t->actor ? t->actor : "tester";
    MEMBER(const void *, req, f->offset) = body;
    MEMBER(uint32_t, req, f->quantifier_offset) = f->id;
    ProtobufCMessage *rep = fc_client_call(t->client, req, t->reply_desc);
    free(req);   /* every part was borrowed */
    return rep;
}

void tc_free(ProtobufCMessage *reply)
{
    if (reply)
        protobuf_c_message_free_unpacked(reply, NULL);
}

static const Fcavtal__V1__Status *status_of(const ProtobufCMessage *reply)
{
    const ProtobufCFieldDescriptor *f = named(reply->descriptor, "status");
    return f ? MEMBER(const Fcavtal__V1__Status *, (void *)reply, f->offset) : NULL;
}

int tc_code(const ProtobufCMessage *reply)
{
    const Fcavtal__V1__Status *st = reply ? status_of(reply) : NULL;
    return st ? (int)st->code : reply ? 0 : -1;
}

const char *tc_message(const ProtobufCMessage *reply)
{
    const Fcavtal__V1__Status *st = reply ? status_of(reply) : NULL;
    return st ? st->message : reply ? "" : "no reply";
}

uint64_t tc_seq(const ProtobufCMessage *reply)
{
    return reply ? MEMBER(uint64_t, (void *)reply, named(reply->descriptor, "seq")->offset) : 0;
}

const void *tc_body(const ProtobufCMessage *reply, const char *member)
{
    const ProtobufCFieldDescriptor *f = reply ? named(reply->descriptor, member) : NULL;
    if (!f || MEMBER(uint32_t, (void *)reply, f->quantifier_offset) != f->id)
        return NULL;
    return f->type == PROTOBUF_C_TYPE_MESSAGE || f->type == PROTOBUF_C_TYPE_STRING
               ? MEMBER(const void *, (void *)reply, f->offset)
               : (const char *)reply + f->offset;
}

/* Moves the repeated message field `name` of msg onto the end of *all. */
static int take_items(ProtobufCMessage *msg, const char *name, ProtobufCMessage ***all, size_t *n)
{
    const ProtobufCFieldDescriptor *f = named(msg->descriptor, name);
    size_t *count = &MEMBER(size_t, msg, f->quantifier_offset);
    ProtobufCMessage ***items = &MEMBER(ProtobufCMessage **, msg, f->offset);
    ProtobufCMessage **grown = realloc(*all, (*n + *count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    memcpy(grown + *n, *items, *count * sizeof **items);
    *all = grown;
    *n += *count;
    *count = 0;   /* the page no longer owns them */
    return 0;
}

size_t tc_snapshot(tc_t *t, uint32_t page_size, ProtobufCMessage ***records, uint64_t *first_seq,
                   size_t *pages)
{
    Fcavtal__V1__SnapshotRequest q = FCAVTAL__V1__SNAPSHOT_REQUEST__INIT;
    uint8_t cursor[64];
    size_t n = 0;
    *records = NULL;
    *pages = 0;
    q.max_records = page_size;
    for (;;) {
        ProtobufCMessage *rep = tc_call(t, "snapshot", &q.base, NULL);
        ProtobufCMessage *page = (ProtobufCMessage *)tc_body(rep, "snapshot");
        if (tc_code(rep) != 0 || !page || take_items(page, "records", records, &n)) {
            tc_free(rep);
            tc_free_all(*records, n);
            *records = NULL;
            return (size_t)-1;
        }
        if ((*pages)++ == 0)
            *first_seq = MEMBER(uint64_t, page, named(page->descriptor, "seq")->offset);
        ProtobufCBinaryData next = MEMBER(ProtobufCBinaryData, page,
                                          named(page->descriptor, "next_cursor")->offset);
        size_t len = next.len < sizeof cursor ? next.len : 0;
        if (len)
            memcpy(cursor, next.data, len);
        tc_free(rep);
        if (!len)
            return n;
        q.cursor.data = cursor;
        q.cursor.len = len;
    }
}

size_t tc_audit(tc_t *t, uint64_t after_seq, ProtobufCMessage ***events)
{
    Fcavtal__V1__AuditQuery q = FCAVTAL__V1__AUDIT_QUERY__INIT;
    size_t n = 0;
    *events = NULL;
    q.after_seq = after_seq;
    q.limit = 1000;
    for (;;) {
        ProtobufCMessage *rep = tc_call(t, "audit", &q.base, NULL);
        ProtobufCMessage *log = (ProtobufCMessage *)tc_body(rep, "audit");
        size_t before = n;
        if (tc_code(rep) != 0 || !log || take_items(log, "events", events, &n)) {
            tc_free(rep);
            tc_free_all(*events, n);
            *events = NULL;
            return (size_t)-1;
        }
        tc_free(rep);
        if (n - before < q.limit)
            return n;
        const ProtobufCMessage *last = (*events)[n - 1];
        q.after_seq = MEMBER(uint64_t, (void *)last, named(last->descriptor, "seq")->offset);
    }
}

void tc_free_all(ProtobufCMessage **msgs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tc_free(msgs[i]);
    free(msgs);
}
