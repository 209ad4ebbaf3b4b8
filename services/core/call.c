/* What handlers see of a request's passage through the runtime. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "fcavtal/text.h"
#include "runtime.h"

void *fc_call_state(fc_call_t *call) { return call->server->state; }
fc_server_t *fc_call_server(fc_call_t *call) { return call->server; }
MDB_txn *fc_call_txn(fc_call_t *call) { return call->txn; }
const char *fc_call_actor(fc_call_t *call) { return call->actor; }
const char *fc_call_request_id(fc_call_t *call) { return call->request_id; }
fc_date_t fc_call_today(fc_call_t *call) { return call->today; }
bool fc_call_is_internal(const fc_call_t *call) { return call->internal; }
fc_store_t *fc_call_store(fc_call_t *call) { return call->server->store; }

fc_status_t fc_call_fail(fc_call_t *call, fc_status_t status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(call->message, sizeof call->message, fmt, ap);
    va_end(ap);
    fc_utf8_trim(call->message);
    return status;
}

fc_status_t fc_call_oom(fc_call_t *call)
{
    return fc_call_fail(call, FC_RESOURCE_EXHAUSTED, "out of memory");
}

static Fcavtal__V1__Status *status_of(fc_call_t *call)
{
    if (!call->status) {
        call->status = malloc(sizeof *call->status);
        if (call->status)
            fcavtal__v1__status__init(call->status);
    }
    return call->status;
}

void fc_call_violation(fc_call_t *call, const char *field, const char *fmt, ...)
{
    Fcavtal__V1__Status *st = status_of(call);
    Fcavtal__V1__FieldViolation *v = malloc(sizeof *v);
    void *grown = st ? realloc(st->violations, (st->n_violations + 1) * sizeof *st->violations) : NULL;
    va_list ap;
    va_start(ap, fmt);
    char *description = v && grown ? fc_vformat(fmt, ap) : NULL;
    va_end(ap);
    char *name = description ? strdup(field) : NULL;
    if (grown)
        st->violations = grown;
    if (!name) {
        free(v);
        free(description);
        call->lost_detail = true;
        return;
    }
    fcavtal__v1__field_violation__init(v);
    v->description = description;
    v->field = name;
    st->violations[st->n_violations++] = v;
}

void fc_call_warning(fc_call_t *call, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = fc_vformat(fmt, ap);
    va_end(ap);
    char **grown = text ? realloc(call->warnings, (call->n_warnings + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(text);
        call->lost_detail = true;
        return;
    }
    call->warnings = grown;
    call->warnings[call->n_warnings++] = text;
}

fc_status_t fc_call_seq(fc_call_t *call, uint64_t *seq)
{
    return fc_store_counter_get(call->txn, call->server->store, "seq", seq);
}

/* ------------------------------------------------------------ allocator */

#ifndef NDEBUG
static void track_heap_part(fc_call_t *call, void *p)
{
    if (call->n_heap_parts == call->cap_heap_parts) {
        size_t cap = call->cap_heap_parts ? call->cap_heap_parts * 2 : 16;
        void **grown = realloc(call->heap_parts, cap * sizeof *grown);
        if (!grown)
            return;   /* the debug check then misses this part; nothing else */
        call->heap_parts = grown;
        call->cap_heap_parts = cap;
    }
    call->heap_parts[call->n_heap_parts++] = p;
}
#endif

/* size bytes from the `cap` bytes at base of which *used are taken; NULL
 * when they do not fit. */
static void *bump(void *base, size_t cap, size_t *used, size_t size)
{
    if (size > cap)
        return NULL;
    size_t aligned = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (aligned > cap - *used)
        return NULL;
    void *p = (char *)base + *used;
    *used += aligned;
    return p;
}

static void *arena_alloc(void *data, size_t size)
{
    fc_call_t *call = data;
    void *in_arena = bump(call->arena, sizeof call->arena, &call->arena_used, size);
    if (in_arena)
        return in_arena;
    /* The budget makes protobuf-c give up (unpack returns NULL) on a request
     * that would take more memory than any real one needs. */
    if (size > call->heap_budget - call->heap_used)
        return NULL;
    void *p = malloc(size);
    if (p) {
        call->heap_used += size;
#ifndef NDEBUG
        track_heap_part(call, p);
#endif
    }
    return p;
}

#ifndef NDEBUG
/* protobuf-c frees a part while decoding when a field comes twice; once
 * freed, its address may come back from malloc for the reply, so it must no
 * longer count as the request's. (At reset the whole list goes at once.) */
static void untrack_heap_part(fc_call_t *call, void *p)
{
    if (call->freeing_request)
        return;
    for (size_t i = 0; i < call->n_heap_parts; i++)
        if (call->heap_parts[i] == p) {
            call->heap_parts[i] = call->heap_parts[--call->n_heap_parts];
            return;
        }
}
#endif

static void arena_free(void *data, void *p)
{
    fc_call_t *call = data;
    if (fc__within(call->arena, sizeof call->arena, p))
        return;   /* arena memory is released all at once in reset */
#ifndef NDEBUG
    untrack_heap_part(call, p);
#endif
    free(p);
}

static void *reply_alloc(void *data, size_t size)
{
    fc_call_t *call = data;
    void *in_arena = bump(call->reply_arena, sizeof call->reply_arena, &call->reply_used, size);
    return in_arena ? in_arena : malloc(size);
}

static void reply_free(void *data, void *p)
{
    fc_call_t *call = data;
    if (fc__within(call->reply_arena, sizeof call->reply_arena, p))
        return;   /* given back all at once in reset */
    free(p);
}

void fc__call_init(fc_call_t *call, fc_server_t *server)
{
    /* Every field but the arena, which needs no clearing. */
    memset(call, 0, offsetof(fc_call_t, arena));
    call->server = server;
    call->allocator = (ProtobufCAllocator){ arena_alloc, arena_free, call };
    call->reply_allocator = (ProtobufCAllocator){ reply_alloc, reply_free, call };
    call->heap_budget = server->cfg->request_memory;
}

void fc__call_reset(fc_call_t *call)
{
    if (call->has_identity)
        zmq_msg_close(&call->identity);
    if (call->has_payload)
        zmq_msg_close(&call->payload);
    call->has_identity = call->has_payload = false;
    zframe_destroy(&call->reply);
#ifndef NDEBUG
    call->freeing_request = true;
#endif
    if (call->request)
        protobuf_c_message_free_unpacked(call->request, &call->allocator);
    call->request = NULL;
#ifndef NDEBUG
    call->freeing_request = false;
#endif
    call->body = NULL;
    call->arena_used = 0;
    call->reply_used = 0;
    call->stored_body = NULL;
    call->stored_size = 0;
    call->stored_case = 0;
    call->heap_used = 0;
#ifndef NDEBUG
    call->n_heap_parts = 0;
#endif
    if (call->status)
        fcavtal__v1__status__free_unpacked(call->status, NULL);
    call->status = NULL;
    for (size_t i = 0; i < call->n_warnings; i++)
        free(call->warnings[i]);
    free(call->warnings);
    call->warnings = NULL;
    call->n_warnings = 0;
    fc__discard_events(call->events);
    call->route = NULL;
    call->txn = NULL;
    call->message[0] = call->actor[0] = call->request_id[0] = '\0';
    call->delimited = call->replayed = call->replay_uncommitted = false;
    call->remembered = call->emergency = call->lost_detail = call->internal = false;
}

void fc__call_free(fc_call_t *call)
{
    fc__call_reset(call);
    zlist_destroy(&call->events);
#ifndef NDEBUG
    free(call->heap_parts);
    call->heap_parts = NULL;
#endif
}
