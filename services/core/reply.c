/* Building, packing and sending replies. Every request gets exactly one
 * reply; when memory runs out even for that, a fallback reply packed into a
 * buffer reserved at start goes out instead, so the client is never left to
 * guess. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/log.h"
#include "fcavtal/pb.h"
#include "fault.h"
#include "runtime.h"

/* True in every case it is sent: nothing claims the request was or was not
 * done, and a retry with the same id is safe either way. */
static const char FALLBACK_MESSAGE[] =
    "the service ran out of memory answering this request; send it again with the same "
    "request id";

int fc__fallback_init(fc_server_t *self)
{
    self->fallback = fc_envelope_reply_new(&self->env, NULL);
    if (!self->fallback)
        return -1;
    fcavtal__v1__status__init(&self->fallback_status);
    self->fallback_status.code = FCAVTAL__V1__CODE__RESOURCE_EXHAUSTED;
    self->fallback_status.message = (char *)FALLBACK_MESSAGE;
    return 0;
}

static const char *message_text(fc_call_t *call, fc_status_t code, char *buf, size_t size)
{
    const char *text = call->message[0] ? call->message : code == FC_OK ? "ok" : fc_status_name(code);
    Fcavtal__V1__Status *st = call->status;
    /* A message that does not yet say which field is wrong gets the first
     * violation appended, so a person reading only the message can act. */
    if (code != FC_OK && st && st->n_violations && !strstr(text, st->violations[0]->field)) {
        snprintf(buf, size, "%s: %s: %s", text, st->violations[0]->field,
                 st->violations[0]->description);
        text = buf;
    }
    if (call->lost_detail) {
        if (text != buf)
            snprintf(buf, size, "%s", text);
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, " (some details were lost: out of memory)");
        text = buf;
    }
    if (text == buf)
        fc_utf8_trim(buf);
    return text;
}

/* Moves the call's status, message and warnings into `reply`. 0 or -1. */
static int finish(fc_call_t *call, ProtobufCMessage *reply, fc_status_t code)
{
    const fc_envelope_t *env = &call->server->env;
    ProtobufCAllocator *a = &call->reply_allocator;
    Fcavtal__V1__Status *st = call->status;
    if (!st && !(st = a->alloc(a->allocator_data, sizeof *st)))
        return -1;
    if (!call->status)
        fcavtal__v1__status__init(st);
    char full[1024];
    const char *text = message_text(call, code, full, sizeof full);
    size_t text_size = strlen(text) + 1;
    char *copy = a->alloc(a->allocator_data, text_size);
    call->status = NULL;
    st->code = (Fcavtal__V1__Code)code;
    fc_envelope_set_status(env, reply, st, a);
    if (!copy)
        return -1;
    memcpy(copy, text, text_size);
    st->message = copy;
    fc_envelope_set_warnings(env, reply, call->warnings, call->n_warnings);
    call->warnings = NULL;
    call->n_warnings = 0;
    if (code != FC_OK)
        fc_envelope_clear_body(env, reply, a);
    return fc_envelope_set_request_id(env, reply, call->request_id, a);
}

/* protobuf-c packs whole messages only. A stored record already is its
 * message's encoding, and on the wire a message field is its key, its
 * length and those bytes, in any order among the other fields: so a body
 * from fc_record_reply is appended after the packed envelope like that. */
static size_t varint_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80)
        v >>= 7, n++;
    return n;
}

static uint8_t *put_varint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80)
        *p++ = (uint8_t)(v | 0x80), v >>= 7;
    *p++ = (uint8_t)v;
    return p;
}

static size_t stored_field_size(const fc_call_t *call, uint64_t key)
{
    return varint_size(key) + varint_size(call->stored_size) + call->stored_size;
}

int fc__pack_reply(fc_call_t *call, ProtobufCMessage *reply, fc_status_t code, uint64_t seq)
{
    fc_envelope_set_seq(&call->server->env, reply, seq);
    int rc = finish(call, reply, code);
    bool stored = code == FC_OK && call->stored_body;
    uint64_t key = (uint64_t)call->stored_case << 3 | 2;   /* wire type 2: length-delimited */
    if (rc == 0) {
        size_t size = protobuf_c_message_get_packed_size(reply);
        size_t extra = stored ? stored_field_size(call, key) : 0;
        call->reply = fc__fault("reply-pack") ? NULL : zframe_new(NULL, size + extra);
        if (call->reply) {
            uint8_t *p = zframe_data(call->reply);
            protobuf_c_message_pack(reply, p);
            if (stored) {
                p = put_varint(put_varint(p + size, key), call->stored_size);
                memcpy(p, call->stored_body, call->stored_size);
            }
        } else {
            rc = -1;
        }
    }
    protobuf_c_message_free_unpacked(reply, &call->reply_allocator);
    if (rc)
        call->emergency = true;
    return rc;
}

void fc__error_reply(fc_call_t *call, fc_status_t code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(call->message, sizeof call->message, fmt, ap);
    va_end(ap);
    fc_utf8_trim(call->message);
    zframe_destroy(&call->reply);
    ProtobufCMessage *reply = fc_envelope_reply_new(&call->server->env, &call->reply_allocator);
    if (!reply)
        call->emergency = true;
    else
        fc__pack_reply(call, reply, code, 0);   /* a refusal reports no sequence (protocol.md) */
}

/* Packs the fallback reply without touching the heap. */
static size_t pack_fallback(fc_server_t *self, const fc_call_t *call)
{
    const fc_envelope_t *env = &self->env;
    fc_envelope_set_status(env, self->fallback, NULL, NULL);
    *(Fcavtal__V1__Status **)((char *)self->fallback + env->rep_status) = &self->fallback_status;
    char **id = (char **)((char *)self->fallback + env->rep_id);
    *id = (char *)call->request_id;
    size_t size = protobuf_c_message_get_packed_size(self->fallback);
    if (size <= sizeof self->fallback_buf)
        protobuf_c_message_pack(self->fallback, self->fallback_buf);
    else
        size = 0;
    *id = (char *)protobuf_c_empty_string;
    *(Fcavtal__V1__Status **)((char *)self->fallback + env->rep_status) = NULL;
    return size;
}

static void count_drop(fc_server_t *self, const fc_call_t *call)
{
    /* The client has stopped reading (its reply queue is full): the change
     * itself is durable and a retry with the same id gets its reply. */
    if (self->replies_dropped++ % 1000 == 0)
        fc_warn("%s: dropped a reply to request '%s': the client has %d replies unread "
                "(%llu dropped so far)",
                self->def->name, call->request_id, self->cfg->reply_queue,
                (unsigned long long)self->replies_dropped);
}

void fc__send_reply(fc_server_t *self, fc_call_t *call)
{
    if (!call->has_identity || (!call->reply && !call->emergency))
        return;
    size_t fallback = call->emergency ? pack_fallback(self, call) : 0;
    if (call->emergency && !fallback) {
        fc_error("%s: no reply could be made for request '%s'", self->def->name, call->request_id);
        return;
    }
    /* ROUTER_MANDATORY: a full queue says EAGAIN at the first frame instead
     * of dropping silently. */
    if (zmq_msg_send(&call->identity, self->router_handle, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0) {
        if (zmq_errno() == EAGAIN)
            count_drop(self, call);
        return;
    }
    if (call->delimited && zmq_send(self->router_handle, NULL, 0, ZMQ_SNDMORE | ZMQ_DONTWAIT) < 0)
        return;
    int rc = call->emergency ? zmq_send(self->router_handle, self->fallback_buf, fallback, ZMQ_DONTWAIT)
                             : zframe_send(&call->reply, self->router, ZFRAME_DONTWAIT);
    if (rc < 0)
        fc_error("%s: could not send the reply to request '%s': %s", self->def->name,
                 call->request_id, zmq_strerror(zmq_errno()));
}
