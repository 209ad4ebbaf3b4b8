/* fcavtal import FILE.json: a whole data set in one request, applied by the
 * registry in one transaction. Records refer to each other by "ref"; the
 * batch uses batch-local ids (the 1-based index of a record in its array),
 * and every error is told in the file's terms: record, ref or name, field. */
#include <inttypes.h>
#include <stdarg.h>
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "fcavtal/pbjson.h"
#include "print.h"
#include "table.h"

#define MAX_REPORTED_ERRORS 25

typedef enum { T_ORG, T_OP, T_CENTRE, T_AGREEMENT, T_COUNT } section_t;

static const char *const section_names[T_COUNT] = {"organisations", "operations", "centres",
                                                   "agreements"};

static const ProtobufCMessageDescriptor *const section_desc[T_COUNT] = {
    &fcavtal__v1__organisation__descriptor, &fcavtal__v1__operation__descriptor,
    &fcavtal__v1__centre__descriptor, &fcavtal__v1__agreement__descriptor};

typedef struct {
    const char *file;
    json_t *records[T_COUNT];  /* borrowed from the document; NULL: none */
    json_t *refs[T_COUNT];     /* ref -> 1-based index */
    int n_errors;
} import_t;

/* Which section a reference key points into: the last word of the key
 * ("employing_operation" -> operations). */
static int ref_section(const char *key)
{
    static const struct { const char *word; section_t section; } words[] = {
        {"operation", T_OP},     {"centre", T_CENTRE},     {"framework", T_AGREEMENT},
        {"organisation", T_ORG}, {"region", T_ORG},        {"municipality", T_ORG},
    };
    size_t len = strlen(key);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t w = strlen(words[i].word);
        if (len >= w && strcmp(key + len - w, words[i].word) == 0 &&
            (len == w || key[len - w - 1] == '_'))
            return (int)words[i].section;
    }
    return -1;
}

static size_t section_size(const import_t *im, section_t s)
{
    return im->records[s] ? json_array_size(im->records[s]) : 0;
}

/* `centres[2] "Familjecentralen Vivalla"`: the record as the file shows it. */
static const char *record_label(const import_t *im, section_t s, size_t i, char *buf, size_t n)
{
    json_t *rec = json_array_get(im->records[s], i);
    const char *name = json_string_value(json_object_get(rec, "name"));
    if (!name)
        name = json_string_value(json_object_get(rec, "title"));
    if (!name)
        name = json_string_value(json_object_get(rec, "ref"));
    if (name)
        snprintf(buf, n, "%s[%zu] \"%s\"", section_names[s], i, name);
    else
        snprintf(buf, n, "%s[%zu]", section_names[s], i);
    return buf;
}

__attribute__((format(printf, 5, 6)))
static void record_error(import_t *im, section_t s, size_t i, const char *path,
                         const char *fmt, ...)
{
    if (++im->n_errors > MAX_REPORTED_ERRORS)
        return;
    char label[256], text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "error: %s: %s%s%s\n", record_label(im, s, i, label, sizeof label),
            path ? path : "", path && *path ? ": " : "", text);
}

static int resolve(void *ctx, const char *key, const json_t *value, uint64_t *id, char *err,
                   size_t errlen)
{
    const import_t *im = ctx;
    int s = ref_section(key);
    if (s < 0) {
        snprintf(err, errlen, "cannot tell what \"%s\" refers to", key);
        return -1;
    }
    if (!json_is_string(value)) {
        snprintf(err, errlen, "expected the \"ref\" of one of the file's %s", section_names[s]);
        return -1;
    }
    json_t *index = json_object_get(im->refs[s], json_string_value(value));
    if (!index) {
        snprintf(err, errlen, "unknown reference \"%s\"", json_string_value(value));
        return -1;
    }
    *id = (uint64_t)json_integer_value(index);
    return 0;
}

/* First pass: every ref, so records may refer forwards. */
static int collect_refs(import_t *im, section_t s)
{
    for (size_t i = 0; i < section_size(im, s); i++) {
        json_t *rec = json_array_get(im->records[s], i);
        json_t *ref = json_object_get(rec, "ref");
        if (!ref)
            continue;
        const char *text = json_string_value(ref);
        json_t *seen = text ? json_object_get(im->refs[s], text) : NULL;
        if (!text || !*text)
            record_error(im, s, i, "ref", "expected a non-empty string");
        else if (seen)
            record_error(im, s, i, "ref", "\"%s\" is also the ref of %s[%" JSON_INTEGER_FORMAT
                         "]", text, section_names[s], json_integer_value(seen) - 1);
        else if (json_object_set_new(im->refs[s], text, json_integer((json_int_t)i + 1)) != 0)
            return -1;
    }
    return 0;
}

static ProtobufCMessage *convert_record(import_t *im, section_t s, size_t i)
{
    static const char *const skip[] = {"ref", "comment", NULL};
    json_t *rec = json_array_get(im->records[s], i);
    if (!json_is_object(rec)) {
        record_error(im, s, i, NULL, "expected a record (a JSON object)");
        return NULL;
    }
    if (json_object_get(rec, "id")) {
        record_error(im, s, i, "id", "not allowed in an import file: use \"ref\"");
        return NULL;
    }
    pbj_opts_t opts = {.resolve = resolve, .ctx = im, .skip_top = skip};
    pbj_error_t err;
    ProtobufCMessage *msg = pbj_from_json(section_desc[s], rec, &opts, &err);
    if (!msg)
        record_error(im, s, i, err.path, "%s", err.message);
    return msg;
}

/* The batch-local id is the record's position, 1-based; every record type
 * has uint64 id = 1. */
static void set_local_id(ProtobufCMessage *msg, size_t i)
{
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field_by_name(msg->descriptor, "id");
    if (f && f->type == PROTOBUF_C_TYPE_UINT64)
        *(uint64_t *)((char *)msg + f->offset) = (uint64_t)i + 1;
}

/* The batch's arrays of one section, in the order of ImportBatch's fields. */
static int fill_section(import_t *im, Fcavtal__V1__ImportBatch *batch, section_t s)
{
    size_t n = section_size(im, s);
    ProtobufCMessage **arr = calloc(n ? n : 1, sizeof *arr);
    if (!arr)
        return -1;
    size_t *count = s == T_ORG ? &batch->n_organisations
                  : s == T_OP ? &batch->n_operations
                  : s == T_CENTRE ? &batch->n_centres : &batch->n_agreements;
    void **slot = s == T_ORG ? (void **)&batch->organisations
                : s == T_OP ? (void **)&batch->operations
                : s == T_CENTRE ? (void **)&batch->centres : (void **)&batch->agreements;
    *slot = arr;
    for (size_t i = 0; i < n; i++) {
        ProtobufCMessage *msg = convert_record(im, s, i);
        if (!msg)
            continue;  /* reported; keep going to report every problem at once */
        set_local_id(msg, i);
        arr[(*count)++] = msg;
    }
    return 0;
}

static int read_sections(import_t *im, json_t *doc)
{
    const char *key;
    json_t *value;
    json_object_foreach(doc, key, value) {
        int s = -1;
        for (int i = 0; i < T_COUNT; i++)
            if (strcmp(key, section_names[i]) == 0)
                s = i;
        if (s < 0 && strcmp(key, "comment") == 0)
            continue;
        if (s < 0) {
            fprintf(stderr, "error: %s: unknown section \"%s\" (expected organisations, "
                            "operations, centres, agreements)\n", im->file, key);
            return -1;
        }
        if (!json_is_array(value)) {
            fprintf(stderr, "error: %s: \"%s\" must be an array\n", im->file, key);
            return -1;
        }
        im->records[s] = value;
    }
    return 0;
}

static Fcavtal__V1__ImportBatch *build_batch(import_t *im)
{
    Fcavtal__V1__ImportBatch *batch = malloc(sizeof *batch);
    if (!batch)
        return NULL;
    fcavtal__v1__import_batch__init(batch);
    for (int s = 0; s < T_COUNT; s++) {
        if (!(im->refs[s] = json_object()) || collect_refs(im, (section_t)s) != 0)
            goto oom;
    }
    for (int s = 0; s < T_COUNT; s++)
        if (fill_section(im, batch, (section_t)s) != 0)
            goto oom;
    return batch;
oom:
    fprintf(stderr, "error: out of memory\n");
    protobuf_c_message_free_unpacked(&batch->base, NULL);
    return NULL;
}

/* ------------------------------------------------ server errors explained */

/* The server names fields as in the .proto ("participations[0].operation_id");
 * when the file wrote the reference form ("operation": "bvc-vivalla"), say
 * it that way, with the ref. Otherwise the path is kept as it is. */
static void file_path(const json_t *rec, const char *path, char *out, size_t n)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", path);
    snprintf(out, n, "%s", path);
    size_t len = strlen(copy);
    char *last = strrchr(copy, '.');
    char *leaf = last ? last + 1 : copy;
    if (len <= 3 || strcmp(copy + len - 3, "_id") != 0 || strchr(leaf, '['))
        return;
    copy[len - 3] = '\0';  /* "participations[0].operation" */
    const json_t *cur = rec;
    char *save = NULL;
    for (char *seg = strtok_r(copy, ".", &save); seg && cur; seg = strtok_r(NULL, ".", &save)) {
        char *bracket = strchr(seg, '[');
        size_t index = bracket ? (size_t)strtoul(bracket + 1, NULL, 10) : 0;
        if (bracket)
            *bracket = '\0';
        cur = json_object_get(cur, seg);
        if (bracket)
            cur = json_array_get(cur, index);
    }
    if (json_is_string(cur))
        snprintf(out, n, "%.*s \"%s\"", (int)(len - 3), path, json_string_value(cur));
}

/* Parses "[import_batch.]centres[2].rest"; -1 when the path is not one. */
static int split_path(const char *field, section_t *s, size_t *index, const char **rest)
{
    if (strncmp(field, "import_batch.", 13) == 0)
        field += 13;
    for (int i = 0; i < T_COUNT; i++) {
        size_t len = strlen(section_names[i]);
        if (strncmp(field, section_names[i], len) != 0 || field[len] != '[')
            continue;
        char *end = NULL;
        unsigned long v = strtoul(field + len + 1, &end, 10);
        if (!end || *end != ']')
            return -1;
        *s = (section_t)i;
        *index = v;
        *rest = end[1] == '.' ? end + 2 : end + 1;
        return 0;
    }
    return -1;
}

static void explain(void *ctx, const char *field, const char *description, char *buf,
                    size_t size)
{
    import_t *im = ctx;
    section_t s;
    size_t i;
    const char *rest;
    char label[256];
    if (!field || split_path(field, &s, &i, &rest) != 0 || i >= section_size(im, s)) {
        snprintf(buf, size, "%s%s%s", field ? field : "", field && *field ? ": " : "",
                 description);
        return;
    }
    record_label(im, s, i, label, sizeof label);
    char where[512];
    file_path(json_array_get(im->records[s], i), rest, where, sizeof where);
    snprintf(buf, size, "%s: %s%s%s", label, where, *where ? ": " : "", description);
}

/* --------------------------------------------------------------- summary */

static void summary_rows(cli_table_t *t, const import_t *im, section_t s, const uint64_t *ids,
                         size_t n_ids)
{
    static const char *const singular[T_COUNT] = {"organisation", "operation", "centre",
                                                  "agreement"};
    for (size_t i = 0; i < section_size(im, s); i++) {
        json_t *rec = json_array_get(im->records[s], i);
        const char *name = json_string_value(json_object_get(rec, "name"));
        const char *ref = json_string_value(json_object_get(rec, "ref"));
        if (!name)
            name = json_string_value(json_object_get(rec, "title"));
        table_cellf(t, "%s", singular[s]);
        if (i < n_ids)
            table_cellf(t, "%" PRIu64, ids[i]);
        else
            table_cellf(t, "%s", "?");
        table_cellf(t, "%s", ref ? ref : "");
        table_cellf(t, "%s", name ? name : "");
    }
}

static int print_summary(const import_t *im, const Fcavtal__V1__ImportResult *r)
{
    static const char *const headers[] = {"RECORD", "ID", "REF", "NAME"};
    print_imported(r);
    cli_table_t *t = table_new(headers, 4);
    summary_rows(t, im, T_ORG, r->organisation_ids, r->n_organisation_ids);
    summary_rows(t, im, T_OP, r->operation_ids, r->n_operation_ids);
    summary_rows(t, im, T_CENTRE, r->centre_ids, r->n_centre_ids);
    summary_rows(t, im, T_AGREEMENT, r->agreement_ids, r->n_agreement_ids);
    putchar('\n');
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc == 0 && fflush(stdout) == 0 ? CLI_OK : CLI_FAILED;
}

/* ------------------------------------------------------------------ send */

static int send_batch(cli_t *cli, import_t *im, Fcavtal__V1__ImportBatch *batch)
{
    reg_request_t *req = malloc(sizeof *req);
    if (!req) {
        protobuf_c_message_free_unpacked(&batch->base, NULL);
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    fcavtal__v1__registry_request__init(req);
    req->body_case = FCAVTAL__V1__REGISTRY_REQUEST__BODY_IMPORT_BATCH;
    req->import_batch = batch;
    /* Without --request-id, the id is derived from the content: importing
     * the same file again replays the first result instead of duplicating
     * every centre and agreement. */
    char content_id[64];
    if (cli->request_id == cli->random_id) {
        size_t size = protobuf_c_message_get_packed_size(&batch->base);
        uint8_t *packed = malloc(size + 1);
        zdigest_t *digest = zdigest_new();
        if (packed && digest) {
            protobuf_c_message_pack(&batch->base, packed);
            zdigest_update(digest, packed, size);
            snprintf(content_id, sizeof content_id, "import-%s", zdigest_string(digest));
            cli->request_id = content_id;
        }
        zdigest_destroy(&digest);
        free(packed);
    }
    ProtobufCMessage *got = NULL;
    int rc = cli_send(cli, &req->base, &got, explain, im);
    if (cli->request_id == content_id)
        cli->request_id = cli->random_id;
    protobuf_c_message_free_unpacked(&req->base, NULL);
    if (rc != CLI_OK)
        return rc;
    const reg_reply_t *reply = (const reg_reply_t *)got;
    if (cli->json || reply->body_case != FCAVTAL__V1__REGISTRY_REPLY__BODY_IMPORTED)
        rc = cli_output(cli, got);
    else
        rc = print_summary(im, reply->imported);
    protobuf_c_message_free_unpacked(got, NULL);
    return rc;
}

static int import_document(cli_t *cli, import_t *im, json_t *doc)
{
    if (!json_is_object(doc)) {
        fprintf(stderr, "error: %s: expected an object with organisations, operations, "
                        "centres and agreements\n", im->file);
        return CLI_FAILED;
    }
    if (read_sections(im, doc) != 0)
        return CLI_FAILED;
    Fcavtal__V1__ImportBatch *batch = build_batch(im);
    if (!batch)
        return CLI_FAILED;
    if (im->n_errors > 0) {
        if (im->n_errors > MAX_REPORTED_ERRORS)
            fprintf(stderr, "error: ... and %d more\n", im->n_errors - MAX_REPORTED_ERRORS);
        fprintf(stderr, "error: %s: nothing imported\n", im->file);
        protobuf_c_message_free_unpacked(&batch->base, NULL);
        return CLI_FAILED;
    }
    return send_batch(cli, im, batch);
}

static void import_usage(FILE *out)
{
    fprintf(out, "usage: fcavtal import FILE.json\n\n"
                 "Loads organisations, operations, centres and agreements in one all-or-nothing\n"
                 "transaction. Records refer to each other by \"ref\" (docs/import-format.md).\n"
                 "FILE '-' reads standard input.\n");
}

int cmd_import(cli_t *cli, int argc, char **argv)
{
    cli_args_t a;
    if (cli_args_parse(argc, argv, NULL, &a) != 0)
        return CLI_USAGE;
    if (a.help) {
        import_usage(stdout);
        return CLI_OK;
    }
    if (a.n_positional != 1) {
        import_usage(stderr);
        return CLI_USAGE;
    }
    import_t im = {.file = a.positional[0]};
    json_t *doc = cli_load_json(im.file);
    if (!doc)
        return CLI_FAILED;
    int rc = import_document(cli, &im, doc);
    for (int s = 0; s < T_COUNT; s++)
        json_decref(im.refs[s]);
    json_decref(doc);
    return rc;
}
