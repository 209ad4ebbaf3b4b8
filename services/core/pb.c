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
