/* Debug builds check, before a reply is packed and freed, that no part of
 * it points into the request's memory. Such a reply would be freed twice
 * (once with the reply, once with the request) or point at reused arena
 * memory: the kind of bug that passes every test until it corrupts one
 * reply in production. */
#include "runtime.h"

#ifndef NDEBUG

#define MEMBER(type, msg, off) (*(type *)((const char *)(msg) + (off)))

static bool in_request(const fc_call_t *call, const void *p)
{
    const char *base = (const char *)call->arena;
    if ((const char *)p >= base && (const char *)p < base + sizeof call->arena)
        return true;
    for (size_t i = 0; i < call->n_heap_parts; i++)
        if (call->heap_parts[i] == p)
            return true;
    return false;
}

static const char *check(const fc_call_t *call, const ProtobufCMessage *msg, int depth);

static const char *check_value(const fc_call_t *call, const ProtobufCFieldDescriptor *f,
                               const void *value, int depth)
{
    if (f->type == PROTOBUF_C_TYPE_STRING)
        return value && in_request(call, value) ? f->name : NULL;
    if (f->type == PROTOBUF_C_TYPE_BYTES) {
        const ProtobufCBinaryData *b = value;
        return b->data && in_request(call, b->data) ? f->name : NULL;
    }
    if (f->type == PROTOBUF_C_TYPE_MESSAGE && value) {
        if (in_request(call, value))
            return f->name;
        return depth < 32 ? check(call, value, depth + 1) : NULL;
    }
    return NULL;
}

static const char *check_field(const fc_call_t *call, const ProtobufCMessage *msg,
                               const ProtobufCFieldDescriptor *f, int depth)
{
    if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && MEMBER(uint32_t, msg, f->quantifier_offset) != f->id)
        return NULL;
    bool pointer = f->type == PROTOBUF_C_TYPE_STRING || f->type == PROTOBUF_C_TYPE_MESSAGE;
    if (f->label != PROTOBUF_C_LABEL_REPEATED) {
        const void *value = pointer ? MEMBER(const void *, msg, f->offset)
                                    : (const char *)msg + f->offset;
        return check_value(call, f, value, depth);
    }
    size_t n = MEMBER(size_t, msg, f->quantifier_offset);
    const void *items = MEMBER(const void *, msg, f->offset);
    if (items && in_request(call, items))
        return f->name;
    if (!pointer && f->type != PROTOBUF_C_TYPE_BYTES)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const void *value = f->type == PROTOBUF_C_TYPE_BYTES
                                ? (const void *)((const ProtobufCBinaryData *)items + i)
                                : ((const void *const *)items)[i];
        const char *bad = check_value(call, f, value, depth);
        if (bad)
            return bad;
    }
    return NULL;
}

static const char *check(const fc_call_t *call, const ProtobufCMessage *msg, int depth)
{
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const char *bad = check_field(call, msg, &d->fields[i], depth);
        if (bad)
            return bad;
    }
    return NULL;
}

const char *fc__reply_borrows(const fc_call_t *call, const ProtobufCMessage *reply)
{
    return call->request ? check(call, reply, 0) : NULL;
}

#else

const char *fc__reply_borrows(const fc_call_t *call, const ProtobufCMessage *reply)
{
    (void)call, (void)reply;
    return NULL;
}

#endif
