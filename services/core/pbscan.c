#include "fcavtal/pbscan.h"

#include <stdio.h>
#include <string.h>

#include "fcavtal/pb.h"

/* Messages nest a few levels in practice; the limit only stops a crafted
 * chain of unknown-to-known nesting from recursing without end. */
#define MAX_DEPTH 32
#define MAX_TRACKED_FIELDS 128

enum { WIRE_VARINT = 0, WIRE_FIXED64 = 1, WIRE_LEN = 2, WIRE_FIXED32 = 5 };

typedef struct {
    const uint8_t *p, *end;
} cursor_t;

static int read_varint(cursor_t *c, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && c->p < c->end; shift += 7) {
        uint8_t b = *c->p++;
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

static fc_status_t fail(fc_pbscan_t *s, fc_status_t code, const char *path, const char *what)
{
    snprintf(s->path, sizeof s->path, "%s", path);
    snprintf(s->problem, sizeof s->problem, "%s", what);
    return code;
}

static fc_status_t count(fc_pbscan_t *s, const char *path, size_t n)
{
    s->elements += n;
    if (s->elements <= s->max_elements)
        return FC_OK;
    char what[160];
    snprintf(what, sizeof what, "the request has more than %zu fields and items", s->max_elements);
    return fail(s, FC_RESOURCE_EXHAUSTED, path, what);
}

/* Items in a packed repeated scalar: the walk checks only that they fit. */
static size_t packed_items(const ProtobufCFieldDescriptor *f, const uint8_t *p, size_t len)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_FIXED64: case PROTOBUF_C_TYPE_SFIXED64: case PROTOBUF_C_TYPE_DOUBLE:
        return len / 8;
    case PROTOBUF_C_TYPE_FIXED32: case PROTOBUF_C_TYPE_SFIXED32: case PROTOBUF_C_TYPE_FLOAT:
        return len / 4;
    default: {
        size_t n = 0;
        for (size_t i = 0; i < len; i++)
            n += !(p[i] & 0x80);
        return n;
    }
    }
}

static fc_status_t check_string(fc_pbscan_t *s, const char *path, const uint8_t *p, size_t len)
{
    if (memchr(p, 0, len))
        return fail(s, FC_INVALID_ARGUMENT, path, "contains a NUL byte");
    if (!fc_utf8_valid_n((const char *)p, len))
        return fail(s, FC_INVALID_ARGUMENT, path, "is not valid UTF-8");
    return FC_OK;
}

static fc_status_t scan_message(const ProtobufCMessageDescriptor *d, cursor_t c, fc_pbscan_t *s,
                                char *path, size_t plen, int depth);

/* Called for every length-delimited field of every request, so it appends
 * with memcpy: a snprintf per field was a measurable share of a get. */
static void child_path(char *path, size_t plen, const ProtobufCFieldDescriptor *f, size_t index)
{
    char *p = path + plen, *end = path + 255;
    const char *name = f->name;
    if (plen && p < end)
        *p++ = '.';
    while (*name && p < end)
        *p++ = *name++;
    if (f->label == PROTOBUF_C_LABEL_REPEATED) {
        char digits[24];
        size_t n = 0;
        do
            digits[n++] = (char)('0' + index % 10);
        while ((index /= 10) && n < sizeof digits);
        if (p < end)
            *p++ = '[';
        while (n && p < end)
            *p++ = digits[--n];
        if (p < end)
            *p++ = ']';
    }
    *p = '\0';
}

static fc_status_t too_many(fc_pbscan_t *s, const char *path, const ProtobufCFieldDescriptor *f)
{
    char what[160];
    snprintf(what, sizeof what, "%s has more than %zu items", f->name, s->max_repeated);
    return fail(s, FC_RESOURCE_EXHAUSTED, path, what);
}

static fc_status_t scan_len_field(const ProtobufCFieldDescriptor *f, const uint8_t *p, size_t len,
                                  fc_pbscan_t *s, char *path, size_t plen, int depth)
{
    if (f->type == PROTOBUF_C_TYPE_STRING)
        return s->stored ? FC_OK : check_string(s, path, p, len);
    if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
        if (depth >= MAX_DEPTH)
            return fail(s, FC_INVALID_ARGUMENT, path, "nests too deeply");
        return scan_message(f->descriptor, (cursor_t){ p, p + len }, s, path, strlen(path),
                            depth + 1);
    }
    if (f->type == PROTOBUF_C_TYPE_BYTES)
        return FC_OK;
    /* A packed repeated scalar. */
    (void)plen;
    size_t n = packed_items(f, p, len);
    return n > s->max_repeated ? too_many(s, path, f) : count(s, path, n);
}

static fc_status_t skip_value(cursor_t *c, unsigned wire, uint64_t *len)
{
    uint64_t v;
    *len = 0;
    switch (wire) {
    case WIRE_VARINT:
        return read_varint(c, &v) ? FC_INVALID_ARGUMENT : FC_OK;
    case WIRE_FIXED64:
        *len = 8;
        break;
    case WIRE_FIXED32:
        *len = 4;
        break;
    case WIRE_LEN:
        if (read_varint(c, len))
            return FC_INVALID_ARGUMENT;
        break;
    default:
        return FC_INVALID_ARGUMENT;   /* groups are not proto3 */
    }
    if (*len > (uint64_t)(c->end - c->p))
        return FC_INVALID_ARGUMENT;
    return FC_OK;
}

static fc_status_t scan_message(const ProtobufCMessageDescriptor *d, cursor_t c, fc_pbscan_t *s,
                                char *path, size_t plen, int depth)
{
    /* Only the entries this message's fields use are cleared: zeroing all
     * of them cost more than the walk for small messages. */
    size_t seen[MAX_TRACKED_FIELDS];
    size_t tracked = d->n_fields < MAX_TRACKED_FIELDS ? d->n_fields : MAX_TRACKED_FIELDS;
    memset(seen, 0, tracked * sizeof *seen);
    while (c.p < c.end) {
        uint64_t tag, len;
        path[plen] = '\0';
        if (read_varint(&c, &tag) || tag >> 3 == 0 || tag >> 3 > UINT32_MAX)
            return fail(s, FC_INVALID_ARGUMENT, path, "is not valid protobuf");
        const uint8_t *value = NULL;
        unsigned wire = (unsigned)(tag & 7);
        if (skip_value(&c, wire, &len))
            return fail(s, FC_INVALID_ARGUMENT, path, "is not valid protobuf");
        value = c.p;
        c.p += len;
        const ProtobufCFieldDescriptor *f =
            protobuf_c_message_descriptor_get_field(d, (unsigned)(tag >> 3));
        fc_status_t st = count(s, path, 1);
        if (st || !f)
            return st;   /* unknown fields are kept by protobuf-c but not looked into */
        size_t idx = (size_t)(f - d->fields), n = 0;
        if (idx < MAX_TRACKED_FIELDS)
            n = seen[idx]++;
        if (f->label == PROTOBUF_C_LABEL_REPEATED && n >= s->max_repeated)
            return too_many(s, path, f);
        if (wire != WIRE_LEN)
            continue;
        if (!s->stored)   /* stored bytes fail with no path: none is built */
            child_path(path, plen, f, n);
        st = scan_len_field(f, value, len, s, path, plen, depth);
        if (st)
            return st;
    }
    path[plen] = '\0';
    return FC_OK;
}

fc_status_t fc_pbscan(const ProtobufCMessageDescriptor *desc, const uint8_t *data, size_t len,
                      fc_pbscan_t *scan)
{
    char path[256] = "";
    scan->elements = 0;
    scan->path[0] = scan->problem[0] = '\0';
    return scan_message(desc, (cursor_t){ data, data + len }, scan, path, 0, 0);
}
