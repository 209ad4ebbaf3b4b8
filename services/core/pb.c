#include "fcavtal/pb.h"

#include <stdlib.h>
#include <string.h>

/* Packing and unpacking is the one deep copy protobuf-c offers, and it leaves
 * every part malloc-owned as free_unpacked expects. */
ProtobufCMessage *fc_pb_clone(const ProtobufCMessage *msg)
{
    size_t size = protobuf_c_message_get_packed_size(msg);
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf)
        return NULL;
    protobuf_c_message_pack(msg, buf);
    ProtobufCMessage *copy = protobuf_c_message_unpack(msg->descriptor, NULL, size, buf);
    free(buf);
    return copy;
}

Fcavtal__V1__Date *fc_pb_date_new(fc_date_t d)
{
    Fcavtal__V1__Date *pb = malloc(sizeof *pb);
    if (!pb)
        return NULL;
    fcavtal__v1__date__init(pb);
    pb->year = d.year;
    pb->month = d.month;
    pb->day = d.day;
    return pb;
}

int fc_pb_set_string(char **slot, const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        return -1;
    if (*slot && *slot != protobuf_c_empty_string)
        free(*slot);
    *slot = copy;
    return 0;
}

/* Length of the valid UTF-8 sequence starting at s (1..4), or 0. */
static size_t utf8_sequence(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (n == 0 || (n == 2 && s[0] < 0xc2) || (n == 4 && s[0] > 0xf4))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (n == 3 && s[0] == 0xed && s[1] >= 0xa0)
        || (n == 4 && s[0] == 0xf0 && s[1] < 0x90) || (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
        return 0;   /* overlong, surrogate or beyond U+10FFFF */
    return n;
}

static bool utf8_valid(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        size_t n = utf8_sequence(s);
        if (n == 0)
            return false;
        s += n;
    }
    return true;
}

void fc_utf8_trim(char *text)
{
    unsigned char *s = (unsigned char *)text;
    while (*s) {
        size_t n = utf8_sequence(s);
        if (n == 0) {
            *s = '\0';
            return;
        }
        s += n;
    }
}

#define MEMBER(type, msg, off) (*(type *)((const char *)(msg) + (off)))

static bool field_valid(const ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
                        const char **field)
{
    if (f->type != PROTOBUF_C_TYPE_STRING && f->type != PROTOBUF_C_TYPE_MESSAGE)
        return true;
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF && MEMBER(uint32_t, msg, f->quantifier_offset) != f->id)
        return true;
    size_t n = 1;
    void *const *items = &MEMBER(void *, msg, f->offset);
    if (f->label == PROTOBUF_C_LABEL_REPEATED) {
        n = MEMBER(size_t, msg, f->quantifier_offset);
        items = MEMBER(void *const *, msg, f->offset);
    }
    for (size_t i = 0; i < n; i++) {
        if (!items[i])
            continue;
        bool ok = f->type == PROTOBUF_C_TYPE_STRING ? utf8_valid(items[i])
                                                    : fc_pb_strings_valid(items[i], field);
        if (!ok) {
            if (f->type == PROTOBUF_C_TYPE_STRING)
                *field = f->name;
            return false;
        }
    }
    return true;
}

bool fc_pb_strings_valid(const ProtobufCMessage *msg, const char **field)
{
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++)
        if (!field_valid(msg, &d->fields[i], field))
            return false;
    return true;
}
