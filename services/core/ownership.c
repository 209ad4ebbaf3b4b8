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
    if (fc__within(call->arena, sizeof call->arena, p))
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

/* ---- severing: so that the reply can be freed without freeing the request's memory ---- */

static void sever(const fc_call_t *call, ProtobufCMessage *msg, int depth);

static void sever_repeated(const fc_call_t *call, ProtobufCMessage *msg,
                           const ProtobufCFieldDescriptor *f, int depth)
{
    size_t *n = &MEMBER(size_t, msg, f->quantifier_offset);
    void **items = MEMBER(void **, msg, f->offset);
    if (items && in_request(call, items)) {
        MEMBER(void **, msg, f->offset) = NULL;   /* the array is the request's */
        *n = 0;
        return;
    }
    if (f->type != PROTOBUF_C_TYPE_STRING && f->type != PROTOBUF_C_TYPE_MESSAGE)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (!in_request(call, items[i])) {
            if (f->type == PROTOBUF_C_TYPE_MESSAGE && depth < 32)
                sever(call, items[i], depth + 1);
            items[kept++] = items[i];
        }
    }
    *n = kept;
}

static void sever_field(const fc_call_t *call, ProtobufCMessage *msg,
                        const ProtobufCFieldDescriptor *f, int depth)
{
    if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && MEMBER(uint32_t, msg, f->quantifier_offset) != f->id)
        return;
    if (f->label == PROTOBUF_C_LABEL_REPEATED) {
        sever_repeated(call, msg, f, depth);
        return;
    }
    if (f->type == PROTOBUF_C_TYPE_STRING && in_request(call, MEMBER(void *, msg, f->offset)))
        MEMBER(const char *, msg, f->offset) = protobuf_c_empty_string;
    else if (f->type == PROTOBUF_C_TYPE_BYTES) {
        ProtobufCBinaryData *b = &MEMBER(ProtobufCBinaryData, msg, f->offset);
        if (b->data && in_request(call, b->data))
            *b = (ProtobufCBinaryData){ 0, NULL };
    } else if (f->type == PROTOBUF_C_TYPE_MESSAGE && MEMBER(void *, msg, f->offset)) {
        if (in_request(call, MEMBER(void *, msg, f->offset)))
            MEMBER(void *, msg, f->offset) = NULL;
        else if (depth < 32)
            sever(call, MEMBER(ProtobufCMessage *, msg, f->offset), depth + 1);
    }
}

static void sever(const fc_call_t *call, ProtobufCMessage *msg, int depth)
{
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++)
        sever_field(call, msg, &d->fields[i], depth);
}

void fc__reply_sever(const fc_call_t *call, ProtobufCMessage *reply)
{
    if (call->request)
        sever(call, reply, 0);
}

#else

const char *fc__reply_borrows(const fc_call_t *call, const ProtobufCMessage *reply)
{
    (void)call, (void)reply;
    return NULL;
}

void fc__reply_sever(const fc_call_t *call, ProtobufCMessage *reply)
{
    (void)call, (void)reply;
}

#endif
