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

/* Length of the valid UTF-8 sequence starting at s (1..4) within `avail`
 * bytes, or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t avail)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (n == 0 || n > avail || (n == 2 && s[0] < 0xc2) || (n == 4 && s[0] > 0xf4))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (n == 3 && s[0] == 0xed && s[1] >= 0xa0)
        || (n == 4 && s[0] == 0xf0 && s[1] < 0x90) || (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
        return 0;   /* overlong, surrogate or beyond U+10FFFF */
    return n;
}

bool fc_utf8_valid_n(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence(s + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

void fc_utf8_trim(char *text)
{
    unsigned char *s = (unsigned char *)text;
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        size_t n = utf8_sequence(s + i, len - i);
        if (n == 0) {
            s[i] = '\0';
            return;
        }
        i += n;
    }
}
