#include "seeds_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEMBER(type, msg, off) (*(type *)((char *)(msg) + (off)))

static int write_file(const char *dir, const char *name, const uint8_t *buf, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int rc = fwrite(buf, 1, size, f) == size ? 0 : -1;
    return fclose(f) || rc ? -1 : 0;
}

int fuzz_write_body_seeds(const ProtobufCMessageDescriptor *d, const char *dir)
{
    const ProtobufCFieldDescriptor *id = protobuf_c_message_descriptor_get_field_by_name(d, "request_id");
    int n = 0;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (!(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) || f->type != PROTOBUF_C_TYPE_MESSAGE)
            continue;
        ProtobufCMessage *req = calloc(1, d->sizeof_message);
        ProtobufCMessage *body = calloc(1, ((const ProtobufCMessageDescriptor *)f->descriptor)->sizeof_message);
        if (!req || !body)
            return -1;
        protobuf_c_message_init(d, req);
        protobuf_c_message_init(f->descriptor, body);
        MEMBER(const char *, req, id->offset) = "seed-1";
        MEMBER(void *, req, f->offset) = body;
        MEMBER(uint32_t, req, f->quantifier_offset) = f->id;
        size_t size = protobuf_c_message_get_packed_size(req);
        uint8_t *buf = malloc(size + 1);
        protobuf_c_message_pack(req, buf);
        int rc = write_file(dir, f->name, buf, size);
        free(buf);
        free(body);
        free(req);
        if (rc)
            return -1;
        n++;
    }
    return n;
}
