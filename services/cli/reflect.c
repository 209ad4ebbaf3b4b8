/* Reading fields of any message by name through its descriptor. */
#include "reflect.h"

#include <stddef.h>
#include <stdlib.h>

#define AT(type, msg, off) (*(type *)((const char *)(msg) + (off)))

const ProtobufCFieldDescriptor *cli_field(const ProtobufCMessageDescriptor *d, const char *name)
{
    return protobuf_c_message_descriptor_get_field_by_name(d, name);
}

const ProtobufCFieldDescriptor *cli_oneof_set(const ProtobufCMessage *msg)
{
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
            AT(const uint32_t, msg, f->quantifier_offset) == f->id)
            return f;
    }
    return NULL;
}

/* The field `name` of type `type` that is not repeated, or NULL. */
static const ProtobufCFieldDescriptor *scalar(const ProtobufCMessage *msg, const char *name,
                                              ProtobufCType type)
{
    const ProtobufCFieldDescriptor *f = cli_field(msg->descriptor, name);
    if (!f || f->type != type || f->label == PROTOBUF_C_LABEL_REPEATED)
        return NULL;
    if ((f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) &&
        AT(const uint32_t, msg, f->quantifier_offset) != f->id)
        return NULL;
    return f;
}

const ProtobufCMessage *cli_get_msg(const ProtobufCMessage *msg, const char *name)
{
    const ProtobufCFieldDescriptor *f = scalar(msg, name, PROTOBUF_C_TYPE_MESSAGE);
    return f ? AT(ProtobufCMessage *const, msg, f->offset) : NULL;
}

uint64_t cli_get_u64(const ProtobufCMessage *msg, const char *name)
{
    const ProtobufCFieldDescriptor *f = scalar(msg, name, PROTOBUF_C_TYPE_UINT64);
    return f ? AT(const uint64_t, msg, f->offset) : 0;
}

int64_t cli_get_i64(const ProtobufCMessage *msg, const char *name)
{
    const ProtobufCFieldDescriptor *f = scalar(msg, name, PROTOBUF_C_TYPE_INT64);
    return f ? AT(const int64_t, msg, f->offset) : 0;
}

uint32_t cli_get_u32(const ProtobufCMessage *msg, const char *name)
{
    const ProtobufCFieldDescriptor *f = scalar(msg, name, PROTOBUF_C_TYPE_UINT32);
    return f ? AT(const uint32_t, msg, f->offset) : 0;
}

const char *cli_get_str(const ProtobufCMessage *msg, const char *name)
{
    const ProtobufCFieldDescriptor *f = scalar(msg, name, PROTOBUF_C_TYPE_STRING);
    const char *s = f ? AT(char *const, msg, f->offset) : NULL;
    return s ? s : "";
}

size_t cli_get_repeated(const ProtobufCMessage *msg, const char *name, void **items)
{
    const ProtobufCFieldDescriptor *f = cli_field(msg->descriptor, name);
    *items = NULL;
    if (!f || f->label != PROTOBUF_C_LABEL_REPEATED)
        return 0;
    *items = AT(void *const, msg, f->offset);
    return AT(const size_t, msg, f->quantifier_offset);
}

int cli_set_u64(ProtobufCMessage *msg, const char *name, uint64_t value)
{
    const ProtobufCFieldDescriptor *f = scalar(msg, name, PROTOBUF_C_TYPE_UINT64);
    if (!f)
        return -1;
    *(uint64_t *)((char *)msg + f->offset) = value;
    return 0;
}

ProtobufCMessage *cli_request_with(const ProtobufCMessageDescriptor *desc, const char *member,
                                   ProtobufCMessage *body)
{
    const ProtobufCFieldDescriptor *f = cli_field(desc, member);
    ProtobufCMessage *req = NULL;
    if (f && (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) && f->type == PROTOBUF_C_TYPE_MESSAGE &&
        f->descriptor == body->descriptor && (req = malloc(desc->sizeof_message))) {
        protobuf_c_message_init(desc, req);
        *(uint32_t *)((char *)req + f->quantifier_offset) = f->id;
        *(ProtobufCMessage **)((char *)req + f->offset) = body;
        return req;
    }
    protobuf_c_message_free_unpacked(body, NULL);
    return NULL;
}

const Fcavtal__V1__Status *cli_reply_status(const ProtobufCMessage *reply)
{
    const ProtobufCMessage *st = cli_get_msg(reply, "status");
    return st && st->descriptor == &fcavtal__v1__status__descriptor
               ? (const Fcavtal__V1__Status *)st : NULL;
}
