/* JSON -> protobuf: one walker over the descriptor, strict about what it
 * takes (unknown keys, wrong types, values out of range, text that is not
 * UTF-8 are refused with the path of the offending key), lenient about how
 * a value is spelled where proto3's canonical mapping is (lowerCamelCase
 * names, enum numbers and full names, 64-bit integers as text). */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "internal.h"

/* ----------------------------------------------------------- the reader */

int pbj_fail(pbj_reader_t *r, const char *fmt, ...)
{
    snprintf(r->err->path, sizeof r->err->path, "%s", r->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err->message, sizeof r->err->message, fmt, ap);
    va_end(ap);
    return -1;
}

/* Appends ".key" or "[i]" to the path; returns the old length to pop to. */
static size_t push_key(pbj_reader_t *r, const char *key)
{
    size_t len = strlen(r->path);
    snprintf(r->path + len, sizeof r->path - len, "%s%s", len ? "." : "", key);
    return len;
}

static size_t push_index(pbj_reader_t *r, size_t i)
{
    size_t len = strlen(r->path);
    snprintf(r->path + len, sizeof r->path - len, "[%zu]", i);
    return len;
}

static void pop(pbj_reader_t *r, size_t len)
{
    r->path[len] = '\0';
}

static int read_message(pbj_reader_t *r, const ProtobufCMessageDescriptor *d, const json_t *v,
                        bool top, ProtobufCMessage **out);

/* ------------------------------------------------------------- integers */

/* Canonical JSON writes 64-bit integers as decimal text; take that for
 * every integer type. No sign for unsigned types, no spaces, no fraction. */
static bool integer_text(const json_t *v, bool is_signed)
{
    const char *s = json_string_value(v);
    if (!s || !*s)
        return false;
    if (is_signed && *s == '-')
        s++;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

static int read_signed(pbj_reader_t *r, const json_t *v, int64_t min, int64_t max, int64_t *out)
{
    long long n;
    if (json_is_integer(v)) {
        n = json_integer_value(v);
    } else if (integer_text(v, true)) {
        errno = 0;
        n = strtoll(json_string_value(v), NULL, 10);
        if (errno == ERANGE)
            return pbj_fail(r, "%s is out of range", json_string_value(v));
    } else {
        return pbj_fail(r, "expected an integer");
    }
    if (n < min || n > max)
        return pbj_fail(r, "%lld is out of range", n);
    *out = (int64_t)n;
    return 0;
}

static int read_unsigned(pbj_reader_t *r, const json_t *v, uint64_t max, uint64_t *out)
{
    unsigned long long n;
    if (json_is_integer(v)) {
        if (json_integer_value(v) < 0)
            return pbj_fail(r, "%lld is out of range", (long long)json_integer_value(v));
        n = (unsigned long long)json_integer_value(v);
    } else if (integer_text(v, false)) {
        errno = 0;
        n = strtoull(json_string_value(v), NULL, 10);
        if (errno == ERANGE)
            return pbj_fail(r, "%s is out of range", json_string_value(v));
    } else {
        return pbj_fail(r, "expected an integer");
    }
    if (n > max)
        return pbj_fail(r, "%llu is out of range", n);
    *out = (uint64_t)n;
    return 0;
}

/* ------------------------------------------------------- other scalars */

static int read_double(pbj_reader_t *r, const json_t *v, bool is_float, double *out)
{
    const char *s = json_string_value(v);
    if (json_is_number(v))
        *out = json_number_value(v);
    else if (s && strcmp(s, "NaN") == 0)
        *out = NAN;
    else if (s && strcmp(s, "Infinity") == 0)
        *out = INFINITY;
    else if (s && strcmp(s, "-Infinity") == 0)
        *out = -INFINITY;
    else
        return pbj_fail(r, "expected a number");
    if (is_float && isfinite(*out) && fabs(*out) > FLT_MAX)
        return pbj_fail(r, "%g is out of range for a float", *out);
    return 0;
}

static int read_enum(pbj_reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v, int *out)
{
    const ProtobufCEnumDescriptor *e = f->descriptor;
    if (json_is_string(v) && pbj_enum_parse(e, json_string_value(v), out) == 0)
        return 0;
    json_int_t n = json_integer_value(v);
    if (json_is_integer(v) && n >= INT_MIN && n <= INT_MAX &&
        protobuf_c_enum_descriptor_get_value(e, (int)n)) {
        *out = (int)n;
        return 0;
    }
    char choices[512], text[64];
    if (json_is_string(v))
        snprintf(text, sizeof text, "\"%s\"", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(text, sizeof text, "%lld", (long long)n);
    else
        snprintf(text, sizeof text, "(not a name)");
    return pbj_fail(r, "unknown value %s; expected one of: %s", text,
                    pbj_enum_choices(e, choices, sizeof choices));
}

int pbj_read_text(pbj_reader_t *r, const json_t *v, char **out)
{
    if (!json_is_string(v))
        return pbj_fail(r, "expected a string");
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    /* protobuf-c keeps strings NUL-terminated: one inside would cut them. */
    if (strlen(s) != len)
        return pbj_fail(r, "text must not contain NUL (\\u0000)");
    if (!fc_utf8_valid_n(s, len))
        return pbj_fail(r, "text is not valid UTF-8");
    *out = strdup(s);
    return *out ? 0 : pbj_fail(r, "out of memory");
}

static int read_bytes(pbj_reader_t *r, const json_t *v, ProtobufCBinaryData *out)
{
    char why[128];
    if (!json_is_string(v))
        return pbj_fail(r, "expected bytes as base64 text");
    return pbj_base64_decode(json_string_value(v), out, why, sizeof why) == 0
               ? 0 : pbj_fail(r, "%s", why);
}

/* ---------------------------------------------------------------- fields */

static int read_integer_field(pbj_reader_t *r, ProtobufCType type, const json_t *v, void *dst)
{
    int64_t s = 0;
    uint64_t u = 0;
    switch (type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        if (read_signed(r, v, INT32_MIN, INT32_MAX, &s) != 0)
            return -1;
        *(int32_t *)dst = (int32_t)s;
        return 0;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        if (read_unsigned(r, v, UINT32_MAX, &u) != 0)
            return -1;
        *(uint32_t *)dst = (uint32_t)u;
        return 0;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        if (read_signed(r, v, INT64_MIN, INT64_MAX, &s) != 0)
            return -1;
        *(int64_t *)dst = s;
        return 0;
    default:  /* UINT64, FIXED64 */
        if (read_unsigned(r, v, UINT64_MAX, &u) != 0)
            return -1;
        *(uint64_t *)dst = u;
        return 0;
    }
}

/* Stores one JSON value into the field storage at dst. */
static int read_value(pbj_reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v,
                      void *dst)
{
    double d = 0;
    switch (f->type) {
    case PROTOBUF_C_TYPE_FLOAT:
    case PROTOBUF_C_TYPE_DOUBLE:
        if (read_double(r, v, f->type == PROTOBUF_C_TYPE_FLOAT, &d) != 0)
            return -1;
        if (f->type == PROTOBUF_C_TYPE_FLOAT)
            *(float *)dst = (float)d;
        else
            *(double *)dst = d;
        return 0;
    case PROTOBUF_C_TYPE_BOOL:
        if (!json_is_boolean(v))
            return pbj_fail(r, "expected true or false");
        *(protobuf_c_boolean *)dst = json_is_true(v);
        return 0;
    case PROTOBUF_C_TYPE_ENUM:
        return read_enum(r, f, v, (int *)dst);
    case PROTOBUF_C_TYPE_STRING:
        return pbj_read_text(r, v, (char **)dst);
    case PROTOBUF_C_TYPE_BYTES:
        return read_bytes(r, v, dst);
    case PROTOBUF_C_TYPE_MESSAGE:
        return read_message(r, f->descriptor, v, false, (ProtobufCMessage **)dst);
    default:
        return read_integer_field(r, f->type, v, dst);
    }
}

/* The array is attached (count 0) before it is filled, so a failure half
 * way leaves a message that free_unpacked can still release. */
static int read_repeated(pbj_reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v,
                         ProtobufCMessage *msg)
{
    if (!json_is_array(v))
        return pbj_fail(r, "expected an array");
    size_t count = json_array_size(v);
    size_t size = pbj_element_size(f->type);
    char *arr = calloc(count ? count : 1, size);
    if (!arr)
        return pbj_fail(r, "out of memory");
    size_t *n = (size_t *)((char *)msg + f->quantifier_offset);
    *(char **)((char *)msg + f->offset) = arr;
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        size_t mark = push_index(r, i);
        const json_t *item = json_array_get(v, i);
        int rc = json_is_null(item) ? pbj_fail(r, "null is not allowed in a list")
                                    : read_value(r, f, item, arr + i * size);
        pop(r, mark);
        if (rc != 0)
            return -1;
        (*n)++;
    }
    return 0;
}

static int read_field(pbj_reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v,
                      ProtobufCMessage *msg)
{
    char *base = (char *)msg;
    if (f->label == PROTOBUF_C_LABEL_REPEATED)
        return read_repeated(r, f, v, msg);
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        uint32_t *which = (uint32_t *)(base + f->quantifier_offset);
        if (*which != 0 && *which != f->id)
            return pbj_fail(r, "only one of these may be given");
        *which = f->id;
    } else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->type != PROTOBUF_C_TYPE_MESSAGE &&
               f->type != PROTOBUF_C_TYPE_STRING) {
        *(protobuf_c_boolean *)(base + f->quantifier_offset) = 1;
    }
    return read_value(r, f, v, base + f->offset);
}

/* ------------------------------------------------------------ references */

/* "municipality" for the uint64 field "municipality_id". */
static const ProtobufCFieldDescriptor *reference_field(const ProtobufCMessageDescriptor *d,
                                                       const char *key)
{
    char name[128];
    if (snprintf(name, sizeof name, "%s_id", key) >= (int)sizeof name)
        return NULL;
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, name);
    if (!f || f->type != PROTOBUF_C_TYPE_UINT64 || f->label == PROTOBUF_C_LABEL_REPEATED)
        return NULL;
    return f;
}

static int read_reference(pbj_reader_t *r, const ProtobufCFieldDescriptor *f, const char *key,
                          const json_t *v, ProtobufCMessage *msg)
{
    uint64_t *dst = (uint64_t *)((char *)msg + f->offset);
    const pbj_opts_t *o = r->opts;
    if (o && o->resolve) {
        char why[200] = "";
        if (o->resolve(o->ctx, key, v, dst, why, sizeof why) != 0)
            return pbj_fail(r, "%s", why);
        return 0;
    }
    json_int_t n;
    if (!json_is_integer(v) || (n = json_integer_value(v)) < 0)
        return pbj_fail(r, "expected a numeric id");
    *dst = (uint64_t)n;
    return 0;
}

/* ------------------------------------------------------------------ keys */

/* "orgNumber" -> "org_number": the lowerCamelCase json_name protoc gives a
 * field, which canonical JSON writers use. 0, or -1 when not camelCase. */
static int snake_case(const char *key, char *out, size_t n)
{
    size_t o = 0;
    bool upper = false;
    for (const char *p = key; *p; p++) {
        if (o + 3 > n)
            return -1;
        if (isupper((unsigned char)*p)) {
            out[o++] = '_';
            out[o++] = (char)tolower((unsigned char)*p);
            upper = true;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = '\0';
    return upper ? 0 : -1;
}

typedef struct {
    const ProtobufCFieldDescriptor *field;
    bool reference;      /* "x" for "x_id" */
    char name[128];      /* the key in snake_case: what a resolver is asked about */
} target_t;

static void find_target(const ProtobufCMessageDescriptor *d, const char *key, target_t *t)
{
    if (snake_case(key, t->name, sizeof t->name) != 0)
        snprintf(t->name, sizeof t->name, "%s", key);
    t->field = protobuf_c_message_descriptor_get_field_by_name(d, t->name);
    t->reference = false;
    if (!t->field) {
        t->field = reference_field(d, t->name);
        t->reference = t->field != NULL;
    }
}

static bool skipped(const pbj_reader_t *r, const char *key)
{
    if (!r->opts || !r->opts->skip_top)
        return false;
    for (const char *const *k = r->opts->skip_top; *k; k++)
        if (strcmp(*k, key) == 0)
            return true;
    return false;
}

/* One field may be named several ways ("region", "region_id", "regionId");
 * seen[i] remembers the key that set field i, so that two of them are
 * refused instead of one silently winning. */
static int read_key(pbj_reader_t *r, const ProtobufCMessageDescriptor *d, const char *key,
                    const json_t *v, ProtobufCMessage *msg, const char **seen)
{
    if (json_is_null(v))
        return 0;  /* null means "not given" */
    target_t t;
    find_target(d, key, &t);
    if (!t.field)
        return pbj_fail(r, "unknown field for %s", d->short_name);
    size_t i = (size_t)(t.field - d->fields);
    if (seen[i])
        return pbj_fail(r, "give either \"%s\" or \"%s\", not both", seen[i], key);
    seen[i] = key;
    return t.reference ? read_reference(r, t.field, t.name, v, msg)
                       : read_field(r, t.field, v, msg);
}

int pbj_read_object(pbj_reader_t *r, const ProtobufCMessageDescriptor *d, const json_t *v,
                    bool top, ProtobufCMessage *msg)
{
    if (!json_is_object(v))
        return pbj_fail(r, "expected an object");
    const char **seen = calloc(d->n_fields ? d->n_fields : 1, sizeof *seen);
    if (!seen)
        return pbj_fail(r, "out of memory");
    const char *key;
    json_t *item;
    int rc = 0;
    json_object_foreach((json_t *)v, key, item) {
        if (top && skipped(r, key))
            continue;
        size_t mark = push_key(r, key);
        rc = read_key(r, d, key, item, msg, seen);
        pop(r, mark);
        if (rc != 0)
            break;
    }
    free(seen);
    return rc;
}

static int read_message(pbj_reader_t *r, const ProtobufCMessageDescriptor *d, const json_t *v,
                        bool top, ProtobufCMessage **out)
{
    pbj_well_known_t wk = pbj_well_known(d);
    if (wk == PBJ_WK_NONE && !json_is_object(v))
        return pbj_fail(r, "expected an object");
    ProtobufCMessage *msg = malloc(d->sizeof_message);
    if (!msg)
        return pbj_fail(r, "out of memory");
    protobuf_c_message_init(d, msg);
    int rc = wk != PBJ_WK_NONE ? pbj_well_known_read(r, wk, v, msg)
                               : pbj_read_object(r, d, v, top, msg);
    if (rc != 0) {
        protobuf_c_message_free_unpacked(msg, NULL);
        return -1;
    }
    *out = msg;
    return 0;
}

ProtobufCMessage *pbj_from_json(const ProtobufCMessageDescriptor *desc, const json_t *obj,
                                const pbj_opts_t *opts, pbj_error_t *err)
{
    pbj_reader_t r = {.opts = opts, .err = err, .path = ""};
    err->path[0] = '\0';
    err->message[0] = '\0';
    ProtobufCMessage *msg = NULL;
    if (read_message(&r, desc, obj, true, &msg) != 0)
        return NULL;
    return msg;
}
