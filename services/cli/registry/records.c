/* Add, update (read, lay changes over, put back) and get of records. */
#include "records.h"

#include <stdio.h>
#include <string.h>

#include "fcavtal/pbjson.h"

json_t *record_input(const cli_args_t *a, const char *file)
{
    json_t *rec = file ? cli_load_json(file) : json_object();
    if (!rec) {
        if (!file)
            fprintf(stderr, "error: out of memory\n");
        return NULL;
    }
    if (!json_is_object(rec)) {
        fprintf(stderr, "error: %s: expected one record (a JSON object)\n",
                strcmp(file, "-") == 0 ? "<stdin>" : file);
        json_decref(rec);
        return NULL;
    }
    if (cli_args_to_json(a, rec) != 0) {
        json_decref(rec);
        return NULL;
    }
    return rec;
}

json_t *record_id_body(json_int_t id)
{
    return json_pack("{sI}", "id", id);
}

static int method_name(char *buf, size_t n, const char *verb, const char *entity)
{
    return snprintf(buf, n, "%s_%s", verb, entity) < (int)n ? 0 : -1;
}

static int put(cli_t *cli, const char *entity, json_t *record)
{
    char method[64];
    if (method_name(method, sizeof method, "put", entity) != 0) {
        json_decref(record);
        return CLI_FAILED;
    }
    return cli_run(cli, method, json_pack("{so}", entity, record));
}

int record_add(cli_t *cli, const char *entity, json_t *record)
{
    if (json_object_get(record, "id")) {
        fprintf(stderr, "error: the new %s has an \"id\"; use '%s update ID' to change a "
                        "record\n", entity, entity);
        json_decref(record);
        return CLI_USAGE;
    }
    return put(cli, entity, record);
}

/* "x" and "x_id" are one field: a change to either replaces both. */
static void drop_aliases(json_t *base, const char *key)
{
    char alias[128];
    size_t len = strlen(key);
    json_object_del(base, key);
    if (len > 3 && strcmp(key + len - 3, "_id") == 0) {
        snprintf(alias, sizeof alias, "%.*s", (int)(len - 3), key);
        json_object_del(base, alias);
    } else if (snprintf(alias, sizeof alias, "%s_id", key) < (int)sizeof alias) {
        json_object_del(base, alias);
    }
}

static int lay_over(json_t *base, json_t *changes)
{
    const char *key;
    json_t *value;
    json_object_foreach(changes, key, value) {
        drop_aliases(base, key);
        if (json_object_set(base, key, value) != 0)
            return -1;
    }
    return 0;
}

static json_t *fetch(cli_t *cli, const char *entity, json_int_t id, int *rc)
{
    char method[64];
    ProtobufCMessage *reply = NULL;
    if (method_name(method, sizeof method, "get", entity) != 0) {
        *rc = CLI_FAILED;
        return NULL;
    }
    /* A fresh request id: the user's id belongs to the put that follows. */
    *rc = cli_call(cli, method, record_id_body(id), true, &reply);
    if (*rc != CLI_OK)
        return NULL;
    const reg_reply_t *r = (const reg_reply_t *)reply;
    json_t *current = pbj_oneof_to_json(reply, (uint32_t)r->body_case);
    protobuf_c_message_free_unpacked(reply, NULL);
    if (!json_is_object(current)) {
        fprintf(stderr, "error: the registry did not return %s %lld\n", entity, (long long)id);
        json_decref(current);
        *rc = CLI_FAILED;
        return NULL;
    }
    return current;
}

int record_update(cli_t *cli, const char *entity, json_int_t id, json_t *changes)
{
    int rc = CLI_OK;
    json_t *current = fetch(cli, entity, id, &rc);
    if (!current) {
        json_decref(changes);
        return rc;
    }
    json_object_del(changes, "id");
    if (lay_over(current, changes) != 0 ||
        json_object_set_new(current, "id", json_integer(id)) != 0) {
        fprintf(stderr, "error: out of memory\n");
        json_decref(changes);
        json_decref(current);
        return CLI_FAILED;
    }
    json_decref(changes);
    return put(cli, entity, current);
}

int record_list(cli_t *cli, const cli_args_t *a, const char *method, const char *what)
{
    unsigned long long max = 0;
    const char *limit = cli_arg(a, "limit");
    if (limit && (cli_parse_id(limit, &max) != 0 || max == 0)) {
        fprintf(stderr, "error: --limit must be a positive number, not \"%s\"\n", limit);
        return CLI_USAGE;
    }
    json_t *body = record_input(a, NULL);
    if (!body)
        return CLI_USAGE;
    ProtobufCMessage *reply = NULL;
    bool more = false;
    int rc = cli_list(cli, method, body, (size_t)max, &reply, &more);
    if (rc != CLI_OK)
        return rc;
    rc = cli_output(cli, reply);
    protobuf_c_message_free_unpacked(reply, NULL);
    /* Said after the list, where a reader of a long table looks. */
    if (rc == CLI_OK && more && !cli->json)
        fprintf(stderr, "note: the first %llu %s; more follow (a larger --limit, or none, "
                        "shows them)\n", max, what);
    return rc;
}

int record_get(cli_t *cli, const char *entity, json_int_t id)
{
    char method[64];
    if (method_name(method, sizeof method, "get", entity) != 0)
        return CLI_FAILED;
    return cli_run(cli, method, record_id_body(id));
}
