#include "call.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "fcavtal/pb.h"

void *fc_call_state(fc_call_t *call) { return call->state; }
MDB_txn *fc_call_txn(fc_call_t *call) { return call->txn; }
const char *fc_call_actor(fc_call_t *call) { return call->actor; }
fc_date_t fc_call_today(fc_call_t *call) { return call->today; }
MDB_dbi fc_call_events_dbi(fc_call_t *call) { return call->events_dbi; }
fc_store_t *fc_call_store(fc_call_t *call) { return fc_server_store(call->server); }

static Fcavtal__V1__Status *status_of(fc_call_t *call)
{
    if (!call->status) {
        call->status = malloc(sizeof *call->status);
        if (call->status)
            fcavtal__v1__status__init(call->status);
    }
    return call->status;
}

fc_status_t fc_call_fail(fc_call_t *call, fc_status_t status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(call->message, sizeof call->message, fmt, ap);
    va_end(ap);
    fc_utf8_trim(call->message);
    return status;
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *text = len < 0 ? NULL : malloc((size_t)len + 1);
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, again);
    va_end(again);
    return text;
}

void fc_call_violation(fc_call_t *call, const char *field, const char *fmt, ...)
{
    Fcavtal__V1__Status *st = status_of(call);
    Fcavtal__V1__FieldViolation *v = malloc(sizeof *v);
    void *grown = st ? realloc(st->violations, (st->n_violations + 1) * sizeof *st->violations) : NULL;
    if (!v || !grown) {
        free(v);
        fc_error("out of memory recording a violation of %s", field);
        return;
    }
    st->violations = grown;
    fcavtal__v1__field_violation__init(v);
    va_list ap;
    va_start(ap, fmt);
    char *description = vformat(fmt, ap);
    va_end(ap);
    char *name = strdup(field);
    if (description)
        v->description = description;
    if (name)
        v->field = name;
    st->violations[st->n_violations++] = v;
}

void fc_call_warning(fc_call_t *call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = vformat(fmt, ap);
    va_end(ap);
    char **grown = text ? realloc(call->warnings, (call->n_warnings + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(text);
        fc_error("out of memory recording a warning");
        return;
    }
    call->warnings = grown;
    call->warnings[call->n_warnings++] = text;
}

fc_status_t fc_call_seq(fc_call_t *call, uint64_t *seq)
{
    return fc_store_counter_get(call->txn, fc_call_store(call), "seq", seq);
}

fc_status_t fc_call_next_seq(fc_call_t *call, uint64_t *seq)
{
    return fc_store_counter_next(call->txn, fc_call_store(call), "seq", seq);
}

fc_status_t fc_call_publish(fc_call_t *call, const char *topic, uint64_t seq,
                            const ProtobufCMessage *event)
{
    fc_status_t st = fc_store_put_pb_u64(call->txn, call->events_dbi, seq, event);
    if (st)
        return st;
    size_t size = protobuf_c_message_get_packed_size(event);
    zmsg_t *msg = zmsg_new();
    zframe_t *frame = zframe_new(NULL, size);
    if (!msg || !frame || zmsg_addstr(msg, topic)) {
        zframe_destroy(&frame);
        zmsg_destroy(&msg);
        return FC_RESOURCE_EXHAUSTED;
    }
    protobuf_c_message_pack(event, zframe_data(frame));
    zmsg_append(msg, &frame);
    zlist_append(call->events, msg);
    return FC_OK;
}

static void *arena_alloc(void *data, size_t size)
{
    fc_call_t *call = data;
    size_t aligned = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (aligned <= sizeof call->arena - call->arena_used) {
        void *p = (char *)call->arena + call->arena_used;
        call->arena_used += aligned;
        return p;
    }
    return malloc(size);
}

static void arena_free(void *data, void *p)
{
    fc_call_t *call = data;
    char *base = (char *)call->arena;
    if ((char *)p < base || (char *)p >= base + sizeof call->arena)
        free(p);   /* arena memory is released all at once in reset */
}

void fc_call_init_allocator(fc_call_t *call)
{
    call->allocator = (ProtobufCAllocator){ arena_alloc, arena_free, call };
}

void fc_call_reset(fc_call_t *call)
{
    zframe_destroy(&call->identity);
    zframe_destroy(&call->payload);
    zframe_destroy(&call->reply);
    if (call->request)
        protobuf_c_message_free_unpacked(call->request, &call->allocator);
    call->request = NULL;
    call->arena_used = 0;
    if (call->status)
        fcavtal__v1__status__free_unpacked(call->status, NULL);
    call->status = NULL;
    for (size_t i = 0; i < call->n_warnings; i++)
        free(call->warnings[i]);
    free(call->warnings);
    call->warnings = NULL;
    call->n_warnings = 0;
    zmsg_t *msg;
    while (call->events && (msg = zlist_pop(call->events)))
        zmsg_destroy(&msg);
    call->route = NULL;
    call->message[0] = '\0';
    call->actor[0] = '\0';
    call->delimited = false;
    call->replayed = false;
}
