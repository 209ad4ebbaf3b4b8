/* Protobuf -> JSON: one walker over the descriptor, so a new message or
 * field needs no code to be printed. Every field without presence is
 * written, with its default value when unset; absent sub-messages, unset
 * optional scalars and the unset members of a oneof are left out. */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "internal.h"

size_t pbj_element_size(ProtobufCType type)
{
    switch (type) {
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
    case PROTOBUF_C_TYPE_DOUBLE:
        return 8;
    case PROTOBUF_C_TYPE_BOOL:
        return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_STRING:
        return sizeof(char *);
    case PROTOBUF_C_TYPE_BYTES:
        return sizeof(ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE:
        return sizeof(ProtobufCMessage *);
    default:
        return 4;  /* 32-bit integers, float, enum (forced to int size) */
    }
}

/* jansson holds integers as signed 64-bit: the few uint64 values above
 * that are written as decimal text, the form canonical JSON uses for every
 * 64-bit integer. */
static json_t *uint64_to_json(uint64_t v)
{
    if (v <= (uint64_t)INT64_MAX)
        return json_integer((json_int_t)v);
    char text[24];
    snprintf(text, sizeof text, "%" PRIu64, v);
    return json_string(text);
}

/* JSON numbers have no NaN or infinities: canonical JSON's strings. */
static json_t *double_to_json(double v)
{
    if (isnan(v))
        return json_string("NaN");
    if (isinf(v))
        return json_string(v > 0 ? "Infinity" : "-Infinity");
    return json_real(v);
}

static json_t *enum_to_json(const ProtobufCEnumDescriptor *e, int value)
{
    char name[128];
    if (!protobuf_c_enum_descriptor_get_value(e, value))
        return json_integer(value);  /* from a newer sender: keep the number */
    return json_string(pbj_enum_name(e, value, name, sizeof name));
}

static json_t *value_to_json(const ProtobufCFieldDescriptor *f, const void *p)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        return json_integer(*(const int32_t *)p);
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        return json_integer(*(const uint32_t *)p);
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        return json_integer(*(const int64_t *)p);
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
        return uint64_to_json(*(const uint64_t *)p);
    case PROTOBUF_C_TYPE_FLOAT:
        return double_to_json(*(const float *)p);
    case PROTOBUF_C_TYPE_DOUBLE:
        return double_to_json(*(const double *)p);
    case PROTOBUF_C_TYPE_BOOL:
        return json_boolean(*(const protobuf_c_boolean *)p);
    case PROTOBUF_C_TYPE_ENUM:
        return enum_to_json(f->descriptor, *(const int *)p);
    case PROTOBUF_C_TYPE_STRING:
        return pbj_text_to_json(*(char *const *)p);
    case PROTOBUF_C_TYPE_BYTES:
        return pbj_base64_to_json(p);
    case PROTOBUF_C_TYPE_MESSAGE:
        return pbj_to_json(*(ProtobufCMessage *const *)p);
    }
    return NULL;
}

static json_t *repeated_to_json(const ProtobufCFieldDescriptor *f, const ProtobufCMessage *msg)
{
    size_t n = *(const size_t *)((const char *)msg + f->quantifier_offset);
    const char *arr = *(char *const *)((const char *)msg + f->offset);
    size_t size = pbj_element_size(f->type);
    json_t *a = json_array();
    if (!a)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (json_array_append_new(a, value_to_json(f, arr + i * size)) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* False for fields that carry nothing: another oneof member, an absent
 * optional scalar or an absent sub-message. */
static bool field_present(const ProtobufCFieldDescriptor *f, const ProtobufCMessage *msg)
{
    const char *base = (const char *)msg;
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
        return *(const uint32_t *)(base + f->quantifier_offset) == f->id;
    if (f->label == PROTOBUF_C_LABEL_REPEATED)
        return true;
    if (f->type == PROTOBUF_C_TYPE_MESSAGE || f->type == PROTOBUF_C_TYPE_STRING)
        return *(void *const *)(base + f->offset) != NULL;
    if (f->label == PROTOBUF_C_LABEL_OPTIONAL)
        return *(const protobuf_c_boolean *)(base + f->quantifier_offset);
    return true;
}

json_t *pbj_to_json(const ProtobufCMessage *msg)
{
    if (!msg)
        return json_null();
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    pbj_well_known_t wk = pbj_well_known(d);
    if (wk != PBJ_WK_NONE)
        return pbj_well_known_to_json(wk, msg);
    json_t *obj = json_object();
    if (!obj)
        return NULL;
    /* Unknown fields (msg->unknown_fields, from a newer sender) have no
     * names: JSON has no place for them. */
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (!field_present(f, msg))
            continue;
        json_t *v = f->label == PROTOBUF_C_LABEL_REPEATED
                        ? repeated_to_json(f, msg)
                        : value_to_json(f, (const char *)msg + f->offset);
        if (json_object_set_new(obj, f->name, v) != 0) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

json_t *pbj_oneof_to_json(const ProtobufCMessage *msg, uint32_t case_value)
{
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field(msg->descriptor, (unsigned)case_value);
    if (!f || !(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) || !field_present(f, msg))
        return NULL;
    return value_to_json(f, (const char *)msg + f->offset);
}
