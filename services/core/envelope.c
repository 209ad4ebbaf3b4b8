#include "envelope.h"

#include <stdlib.h>
#include <string.h>

#define MEMBER(type, msg, off) (*(type *)((char *)(msg) + (off)))

static const ProtobufCFieldDescriptor *field(const ProtobufCMessageDescriptor *d,
                                             const char *name, ProtobufCType type,
                                             ProtobufCLabel label)
{
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, name);
    return f && f->type == type && f->label == label ? f : NULL;
}

static const ProtobufCFieldDescriptor *first_oneof_member(const ProtobufCMessageDescriptor *d)
{
    for (unsigned i = 0; i < d->n_fields; i++)
        if (d->fields[i].flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
            return &d->fields[i];
    return NULL;
}

int fc_envelope_init(fc_envelope_t *env, const ProtobufCMessageDescriptor *request_desc,
                     const ProtobufCMessageDescriptor *reply_desc)
{
    const ProtobufCLabel one = PROTOBUF_C_LABEL_NONE, many = PROTOBUF_C_LABEL_REPEATED;
    const ProtobufCFieldDescriptor *rid = field(request_desc, "request_id", PROTOBUF_C_TYPE_STRING, one);
    const ProtobufCFieldDescriptor *act = field(request_desc, "actor", PROTOBUF_C_TYPE_STRING, one);
    const ProtobufCFieldDescriptor *body = first_oneof_member(request_desc);
    const ProtobufCFieldDescriptor *pid = field(reply_desc, "request_id", PROTOBUF_C_TYPE_STRING, one);
    const ProtobufCFieldDescriptor *st = field(reply_desc, "status", PROTOBUF_C_TYPE_MESSAGE, one);
    const ProtobufCFieldDescriptor *warn = field(reply_desc, "warnings", PROTOBUF_C_TYPE_STRING, many);
    const ProtobufCFieldDescriptor *seq = field(reply_desc, "seq", PROTOBUF_C_TYPE_UINT64, one);
    if (!rid || !act || !body || !pid || !st || !warn || !seq
        || st->descriptor != &fcavtal__v1__status__descriptor)
        return -1;
    *env = (fc_envelope_t){
        .request_desc = request_desc, .reply_desc = reply_desc,
        .req_id_offset = rid->offset, .req_actor_offset = act->offset,
        .req_case_offset = body->quantifier_offset,
        .rep_id_offset = pid->offset, .rep_status_offset = st->offset,
        .rep_warnings_offset = warn->offset, .rep_n_warnings_offset = warn->quantifier_offset,
        .rep_seq_offset = seq->offset,
    };
    return 0;
}

const char *fc_envelope_request_id(const fc_envelope_t *env, const ProtobufCMessage *req)
{
    return MEMBER(const char *, req, env->req_id_offset);
}

const char *fc_envelope_actor(const fc_envelope_t *env, const ProtobufCMessage *req)
{
    return MEMBER(const char *, req, env->req_actor_offset);
}

uint32_t fc_envelope_case(const fc_envelope_t *env, const ProtobufCMessage *req)
{
    return MEMBER(uint32_t, req, env->req_case_offset);
}

ProtobufCMessage *fc_envelope_reply_new(const fc_envelope_t *env)
{
    ProtobufCMessage *rep = malloc(env->reply_desc->sizeof_message);
    if (rep)
        protobuf_c_message_init(env->reply_desc, rep);
    return rep;
}

int fc_envelope_set_request_id(const fc_envelope_t *env, ProtobufCMessage *rep, const char *id)
{
    if (!id || !*id)
        return 0;
    char *copy = strdup(id);
    if (!copy)
        return -1;
    MEMBER(char *, rep, env->rep_id_offset) = copy;
    return 0;
}

void fc_envelope_set_status(const fc_envelope_t *env, ProtobufCMessage *rep,
                            Fcavtal__V1__Status *status)
{
    Fcavtal__V1__Status **slot = &MEMBER(Fcavtal__V1__Status *, rep, env->rep_status_offset);
    if (*slot)
        fcavtal__v1__status__free_unpacked(*slot, NULL);
    *slot = status;
}

void fc_envelope_set_warnings(const fc_envelope_t *env, ProtobufCMessage *rep, char **warnings,
                              size_t n)
{
    MEMBER(char **, rep, env->rep_warnings_offset) = warnings;
    MEMBER(size_t, rep, env->rep_n_warnings_offset) = n;
}

void fc_envelope_set_seq(const fc_envelope_t *env, ProtobufCMessage *rep, uint64_t seq)
{
    MEMBER(uint64_t, rep, env->rep_seq_offset) = seq;
}

/* protobuf-c has no call that frees a single oneof member, so free the one
 * the case names by hand (bodies are messages or strings). */
void fc_envelope_clear_body(const fc_envelope_t *env, ProtobufCMessage *rep)
{
    const ProtobufCMessageDescriptor *d = env->reply_desc;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (!(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF))
            continue;
        uint32_t *which = &MEMBER(uint32_t, rep, f->quantifier_offset);
        if (*which != f->id)
            continue;
        void **slot = &MEMBER(void *, rep, f->offset);
        if (f->type == PROTOBUF_C_TYPE_MESSAGE && *slot)
            protobuf_c_message_free_unpacked(*slot, NULL);
        else if (f->type == PROTOBUF_C_TYPE_STRING && *slot)
            free(*slot);
        *slot = NULL;
        *which = 0;
    }
}
