/* Protobuf <-> JSON by protobuf-c descriptor reflection: one generic walker,
 * so new messages and fields need no CLI code to be printed or read. */
#include "pbjson.h"

#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_error.h"
#include "fcavtal/date.h"
#include "fcavtal/v1/common.pb-c.h"
#include "orgnr_error.h"

/* ------------------------------------------------------------------ enums */

/* The prefix every value name shares, cut after its last '_'
 * ("ORG_KIND_"); empty when the values share none ("OK", "CANCELLED"). */
static size_t enum_prefix_len(const ProtobufCEnumDescriptor *desc)
{
    if (desc->n_values < 2)
        return 0;
    const char *first = desc->values[0].name;
    size_t len = strlen(first);
    for (unsigned i = 1; i < desc->n_values; i++) {
        const char *name = desc->values[i].name;
        size_t k = 0;
        while (k < len && first[k] == name[k])
            k++;
        len = k;
    }
    while (len > 0 && first[len - 1] != '_')
        len--;
    return len;
}

const char *pbj_enum_name(const ProtobufCEnumDescriptor *desc, int value, char *buf, size_t n)
{
    const ProtobufCEnumValue *v = protobuf_c_enum_descriptor_get_value(desc, value);
    if (!v) {
        snprintf(buf, n, "%d", value);
        return buf;
    }
    const char *s = v->name + enum_prefix_len(desc);
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        buf[i] = (char)tolower((unsigned char)s[i]);
    if (n > 0)
        buf[i] = '\0';
    return buf;
}

/* Uppercase with '-' and ' ' as '_', so "out-for-signature" matches. */
static void enum_normalise(const char *text, char *out, size_t n)
{
    size_t i = 0;
    for (; text[i] && i + 1 < n; i++) {
        char ch = text[i];
        out[i] = (ch == '-' || ch == ' ') ? '_' : (char)toupper((unsigned char)ch);
    }
    out[i] = '\0';
}

static int parse_int(const char *text, long long *out)
{
    char *end = NULL;
    if (!*text)
        return -1;
    long long v = strtoll(text, &end, 10);
    if (*end)
        return -1;
    *out = v;
    return 0;
}

int pbj_enum_parse(const ProtobufCEnumDescriptor *desc, const char *text, int *value)
{
    char norm[128];
    enum_normalise(text, norm, sizeof norm);
    size_t prefix = enum_prefix_len(desc);
    for (unsigned i = 0; i < desc->n_values; i++) {
        const char *name = desc->values[i].name;
        if (strcmp(name, norm) == 0 || strcmp(name + prefix, norm) == 0) {
            *value = desc->values[i].value;
            return 0;
        }
    }
    long long num;
    if (parse_int(text, &num) == 0 && num >= INT_MIN && num <= INT_MAX &&
        protobuf_c_enum_descriptor_get_value(desc, (int)num)) {
        *value = (int)num;
        return 0;
    }
    return -1;
}

const char *pbj_enum_choices(const ProtobufCEnumDescriptor *desc, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < desc->n_values && used < n; i++) {
        if (desc->values[i].value == 0)
            continue;  /* "unspecified" is never a useful choice */
        char name[64];
        pbj_enum_name(desc, desc->values[i].value, name, sizeof name);
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* ------------------------------------------------------------ well-known */

typedef enum { WK_NONE, WK_DATE, WK_MONEY, WK_ORGNR } well_known_t;

static well_known_t well_known(const ProtobufCMessageDescriptor *d)
{
    if (d == &fcavtal__v1__date__descriptor)
        return WK_DATE;
    if (d == &fcavtal__v1__money__descriptor)
        return WK_MONEY;
    if (d == &fcavtal__v1__org_number__descriptor)
        return WK_ORGNR;
    return WK_NONE;
}

static json_t *well_known_to_json(well_known_t wk, const ProtobufCMessage *msg)
{
    if (wk == WK_DATE) {
        const Fcavtal__V1__Date *d = (const Fcavtal__V1__Date *)msg;
        char buf[32];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", (int)d->year, (int)d->month, (int)d->day);
        return json_string(buf);
    }
    if (wk == WK_MONEY)
        return json_integer(((const Fcavtal__V1__Money *)msg)->ore);
    const char *v = ((const Fcavtal__V1__OrgNumber *)msg)->value;
    return json_string(v ? v : "");
}

/* ---------------------------------------------------------------- output */

static size_t element_size(ProtobufCType type)
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

static json_t *bytes_to_json(const ProtobufCBinaryData *b)
{
    char *hex = malloc(b->len * 2 + 1);
    if (!hex)
        return NULL;
    for (size_t i = 0; i < b->len; i++)
        snprintf(hex + 2 * i, 3, "%02x", b->data[i]);
    hex[b->len * 2] = '\0';
    json_t *j = json_string(hex);
    free(hex);
    return j;
}

static json_t *value_to_json(const ProtobufCFieldDescriptor *f, const void *p)
{
    char name[64];
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
        return json_integer((json_int_t)*(const uint64_t *)p);
    case PROTOBUF_C_TYPE_FLOAT:
        return json_real(*(const float *)p);
    case PROTOBUF_C_TYPE_DOUBLE:
        return json_real(*(const double *)p);
    case PROTOBUF_C_TYPE_BOOL:
        return json_boolean(*(const protobuf_c_boolean *)p);
    case PROTOBUF_C_TYPE_ENUM:
        return json_string(pbj_enum_name(f->descriptor, *(const int *)p, name, sizeof name));
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)p;
        return json_string(s ? s : "");
    }
    case PROTOBUF_C_TYPE_BYTES:
        return bytes_to_json(p);
    case PROTOBUF_C_TYPE_MESSAGE:
        return pbj_to_json(*(ProtobufCMessage *const *)p);
    }
    return NULL;
}

static json_t *repeated_to_json(const ProtobufCFieldDescriptor *f, const ProtobufCMessage *msg)
{
    size_t n = *(const size_t *)((const char *)msg + f->quantifier_offset);
    const char *arr = *(char *const *)((const char *)msg + f->offset);
    size_t size = element_size(f->type);
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
    if (f->type == PROTOBUF_C_TYPE_MESSAGE || f->type == PROTOBUF_C_TYPE_STRING)
        return f->label == PROTOBUF_C_LABEL_REPEATED || *(void *const *)(base + f->offset) != NULL;
    if (f->label == PROTOBUF_C_LABEL_OPTIONAL)
        return *(const protobuf_c_boolean *)(base + f->quantifier_offset);
    return true;
}

json_t *pbj_to_json(const ProtobufCMessage *msg)
{
    if (!msg)
        return json_null();
    const ProtobufCMessageDescriptor *d = msg->descriptor;
    well_known_t wk = well_known(d);
    if (wk != WK_NONE)
        return well_known_to_json(wk, msg);
    json_t *obj = json_object();
    if (!obj)
        return NULL;
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
    if (!f || !field_present(f, msg))
        return NULL;
    return value_to_json(f, (const char *)msg + f->offset);
}

/* ----------------------------------------------------------------- input */

typedef struct {
    const pbj_opts_t *opts;
    pbj_error_t *err;
    char path[256];
} reader_t;

__attribute__((format(printf, 2, 3)))
static int fail(reader_t *r, const char *fmt, ...)
{
    snprintf(r->err->path, sizeof r->err->path, "%s", r->path);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err->message, sizeof r->err->message, fmt, ap);
    va_end(ap);
    return -1;
}

/* Appends ".key" or "[i]" to the path; returns the old length to pop to. */
static size_t push_key(reader_t *r, const char *key)
{
    size_t len = strlen(r->path);
    snprintf(r->path + len, sizeof r->path - len, "%s%s", len ? "." : "", key);
    return len;
}

static size_t push_index(reader_t *r, size_t i)
{
    size_t len = strlen(r->path);
    snprintf(r->path + len, sizeof r->path - len, "[%zu]", i);
    return len;
}

static void pop(reader_t *r, size_t len)
{
    r->path[len] = '\0';
}

static int read_message(reader_t *r, const ProtobufCMessageDescriptor *d, const json_t *v,
                        bool top, ProtobufCMessage **out);

static int read_integer(reader_t *r, const json_t *v, json_int_t min, json_int_t max,
                        json_int_t *out)
{
    if (!json_is_integer(v))
        return fail(r, "expected an integer");
    json_int_t n = json_integer_value(v);
    if (n < min || n > max)
        return fail(r, "%lld is out of range", (long long)n);
    *out = n;
    return 0;
}

static int read_enum(reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v, int *out)
{
    const ProtobufCEnumDescriptor *e = f->descriptor;
    char text[64];
    if (json_is_string(v) && pbj_enum_parse(e, json_string_value(v), out) == 0)
        return 0;
    if (json_is_integer(v) && json_integer_value(v) >= INT_MIN &&
        json_integer_value(v) <= INT_MAX &&
        protobuf_c_enum_descriptor_get_value(e, (int)json_integer_value(v))) {
        *out = (int)json_integer_value(v);
        return 0;
    }
    char choices[512];
    snprintf(text, sizeof text, "%s", json_is_string(v) ? json_string_value(v) : "(not a name)");
    return fail(r, "unknown value \"%s\"; expected one of: %s", text,
                pbj_enum_choices(e, choices, sizeof choices));
}

static int read_string(reader_t *r, const json_t *v, char **out)
{
    if (!json_is_string(v))
        return fail(r, "expected a string");
    *out = strdup(json_string_value(v));
    return *out ? 0 : fail(r, "out of memory");
}

/* Stores one JSON value into the field storage at dst. */
static int read_value(reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v, void *dst)
{
    json_int_t n = 0;
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        if (read_integer(r, v, INT32_MIN, INT32_MAX, &n) != 0)
            return -1;
        *(int32_t *)dst = (int32_t)n;
        return 0;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        if (read_integer(r, v, 0, UINT32_MAX, &n) != 0)
            return -1;
        *(uint32_t *)dst = (uint32_t)n;
        return 0;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        if (read_integer(r, v, LLONG_MIN, LLONG_MAX, &n) != 0)
            return -1;
        *(int64_t *)dst = (int64_t)n;
        return 0;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
        if (read_integer(r, v, 0, LLONG_MAX, &n) != 0)
            return -1;
        *(uint64_t *)dst = (uint64_t)n;
        return 0;
    case PROTOBUF_C_TYPE_FLOAT:
    case PROTOBUF_C_TYPE_DOUBLE:
        if (!json_is_number(v))
            return fail(r, "expected a number");
        if (f->type == PROTOBUF_C_TYPE_FLOAT)
            *(float *)dst = (float)json_number_value(v);
        else
            *(double *)dst = json_number_value(v);
        return 0;
    case PROTOBUF_C_TYPE_BOOL:
        if (!json_is_boolean(v))
            return fail(r, "expected true or false");
        *(protobuf_c_boolean *)dst = json_is_true(v);
        return 0;
    case PROTOBUF_C_TYPE_ENUM:
        return read_enum(r, f, v, (int *)dst);
    case PROTOBUF_C_TYPE_STRING:
        return read_string(r, v, (char **)dst);
    case PROTOBUF_C_TYPE_BYTES:
        return fail(r, "bytes fields cannot be given in JSON");
    case PROTOBUF_C_TYPE_MESSAGE:
        return read_message(r, f->descriptor, v, false, (ProtobufCMessage **)dst);
    }
    return fail(r, "unsupported field type");
}

/* The array is attached (count 0) before it is filled, so a failure half
 * way leaves a message that free_unpacked can still release. */
static int read_repeated(reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v,
                         ProtobufCMessage *msg)
{
    if (!json_is_array(v))
        return fail(r, "expected an array");
    size_t count = json_array_size(v);
    size_t size = element_size(f->type);
    char *arr = calloc(count ? count : 1, size);
    if (!arr)
        return fail(r, "out of memory");
    size_t *n = (size_t *)((char *)msg + f->quantifier_offset);
    *(char **)((char *)msg + f->offset) = arr;
    *n = 0;
    for (size_t i = 0; i < count; i++) {
        size_t mark = push_index(r, i);
        const json_t *item = json_array_get(v, i);
        int rc = json_is_null(item) ? fail(r, "null is not allowed in a list")
                                    : read_value(r, f, item, arr + i * size);
        pop(r, mark);
        if (rc != 0)
            return -1;
        (*n)++;
    }
    return 0;
}

static int read_field(reader_t *r, const ProtobufCFieldDescriptor *f, const json_t *v,
                      ProtobufCMessage *msg)
{
    char *base = (char *)msg;
    if (f->label == PROTOBUF_C_LABEL_REPEATED)
        return read_repeated(r, f, v, msg);
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        uint32_t *which = (uint32_t *)(base + f->quantifier_offset);
        if (*which != 0 && *which != f->id)
            return fail(r, "only one of these may be given");
        *which = f->id;
    } else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->type != PROTOBUF_C_TYPE_MESSAGE &&
               f->type != PROTOBUF_C_TYPE_STRING) {
        *(protobuf_c_boolean *)(base + f->quantifier_offset) = 1;
    }
    return read_value(r, f, v, base + f->offset);
}

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

static int read_reference(reader_t *r, const ProtobufCFieldDescriptor *f, const char *key,
                          const json_t *obj, const json_t *v, ProtobufCMessage *msg)
{
    if (json_object_get(obj, f->name))
        return fail(r, "give either \"%s\" or \"%s\", not both", key, f->name);
    uint64_t *dst = (uint64_t *)((char *)msg + f->offset);
    const pbj_opts_t *o = r->opts;
    if (o && o->resolve) {
        char why[200] = "";
        if (o->resolve(o->ctx, key, v, dst, why, sizeof why) != 0)
            return fail(r, "%s", why);
        return 0;
    }
    json_int_t n;
    if (!json_is_integer(v) || (n = json_integer_value(v)) < 0)
        return fail(r, "expected a numeric id");
    *dst = (uint64_t)n;
    return 0;
}

static bool skipped(const reader_t *r, const char *key)
{
    if (!r->opts || !r->opts->skip_top)
        return false;
    for (const char *const *k = r->opts->skip_top; *k; k++)
        if (strcmp(*k, key) == 0)
            return true;
    return false;
}

static int read_key(reader_t *r, const ProtobufCMessageDescriptor *d, const json_t *obj,
                    const char *key, const json_t *v, ProtobufCMessage *msg)
{
    if (json_is_null(v))
        return 0;  /* null means "not given" */
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field_by_name(d, key);
    if (f)
        return read_field(r, f, v, msg);
    f = reference_field(d, key);
    if (f)
        return read_reference(r, f, key, obj, v, msg);
    return fail(r, "unknown field for %s", d->short_name);
}

static int read_well_known(reader_t *r, well_known_t wk, const json_t *v, ProtobufCMessage *msg)
{
    char why[256];
    if (wk == WK_DATE) {
        fc_date_t d;
        if (!json_is_string(v))
            return fail(r, "expected a date as text, \"YYYY-MM-DD\"");
        if (fc_date_parse(json_string_value(v), &d) != 0)
            return fail(r, "%s", cli_date_error(json_string_value(v), why, sizeof why));
        Fcavtal__V1__Date *pb = (Fcavtal__V1__Date *)msg;
        pb->year = d.year;
        pb->month = d.month;
        pb->day = d.day;
        return 0;
    }
    if (wk == WK_MONEY) {
        if (!json_is_integer(v))
            return fail(r, "expected an amount in öre (an integer)");
        ((Fcavtal__V1__Money *)msg)->ore = (int64_t)json_integer_value(v);
        return 0;
    }
    /* Checked here as well as by the registry: the user learns the digit
     * that would fit, and nothing is sent that the registry must refuse. */
    if (json_is_string(v) && cli_orgnr_error(json_string_value(v), why, sizeof why))
        return fail(r, "%s", why);
    return read_string(r, v, &((Fcavtal__V1__OrgNumber *)msg)->value);
}

static int read_message(reader_t *r, const ProtobufCMessageDescriptor *d, const json_t *v,
                        bool top, ProtobufCMessage **out)
{
    well_known_t wk = well_known(d);
    if (wk == WK_NONE && !json_is_object(v))
        return fail(r, "expected an object");
    ProtobufCMessage *msg = malloc(d->sizeof_message);
    if (!msg)
        return fail(r, "out of memory");
    protobuf_c_message_init(d, msg);
    int rc = 0;
    if (wk != WK_NONE) {
        rc = read_well_known(r, wk, v, msg);
    } else {
        const char *key;
        json_t *item;
        json_object_foreach((json_t *)v, key, item) {
            if (top && skipped(r, key))
                continue;
            size_t mark = push_key(r, key);
            rc = read_key(r, d, v, key, item, msg);
            pop(r, mark);
            if (rc != 0)
                break;
        }
    }
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
    reader_t r = {.opts = opts, .err = err, .path = ""};
    err->path[0] = '\0';
    err->message[0] = '\0';
    ProtobufCMessage *msg = NULL;
    if (read_message(&r, desc, obj, true, &msg) != 0)
        return NULL;
    return msg;
}
