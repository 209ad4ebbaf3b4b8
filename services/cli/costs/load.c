/* fcavtal costs load FILE: a data set for costs in the wire's JSON
 * (docs/json.md), with the registry's records named as people know them:
 *
 *   {"rules":  [{"centre": "Familjecentralen Angered", "rules": [...]}],
 *    "charts": [{"organisation": "Göteborgs kommun", "receivable_account": 1681, ...}],
 *    "items":  [{"centre": "Familjecentralen Angered", "category": "coordinator",
 *                "amount": 60000000, "from": "2025-01-01", "to": "2025-12-31",
 *                "paid_by_operation": "Öppna förskolan Angered", ...}]}
 *
 * "centre", "operation", "paid_by_operation", "organisation" and
 * "agreement" take a name (an organisation also its number) or an id; the
 * names are looked up in the registry. Items go 10 000 a request, all or
 * nothing each. Every request's id is made from the file's bytes, so
 * loading the same file again changes nothing (the service answers each
 * request as it did the first time). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "costs.h"
#include "fcavtal/pbjson.h"
#include "fcavtal/v1/registry.pb-c.h"

#define ITEMS_PER_REQUEST 10000

typedef struct {
    ProtobufCMessage *centres, *operations, *organisations, *agreements;
} lookup_t;

static ProtobufCMessage *fetch(cli_t *cli, cli_service_t *registry, const char *method)
{
    cli_service_t *own = cli->service;
    cli->service = registry;
    ProtobufCMessage *reply = NULL;
    bool more = false;
    if (cli_list(cli, method, json_object(), 0, &reply, &more) != CLI_OK)
        reply = NULL;
    cli->service = own;
    return reply;
}

static void lookup_clear(lookup_t *l)
{
    ProtobufCMessage *all[] = {l->centres, l->operations, l->organisations, l->agreements};
    for (size_t i = 0; i < 4; i++)
        if (all[i])
            protobuf_c_message_free_unpacked(all[i], NULL);
}

static bool lookup_load(cli_t *cli, lookup_t *l)
{
    cli_service_t *registry = cli_service(cli, "registry");
    if (!registry) {
        fprintf(stderr, "error: names need the registry, and this build knows none\n");
        return false;
    }
    l->centres = fetch(cli, registry, "list_centres");
    l->operations = fetch(cli, registry, "list_operations");
    l->organisations = fetch(cli, registry, "list_organisations");
    l->agreements = fetch(cli, registry, "list_agreements");
    return l->centres && l->operations && l->organisations && l->agreements;
}

/* The lowest id with this name (lists come in id order). */
static int find(const lookup_t *l, const char *key, const char *name, uint64_t *id)
{
    const Fcavtal__V1__RegistryReply *r;
    if (!strcmp(key, "centre")) {
        r = (const Fcavtal__V1__RegistryReply *)l->centres;
        for (size_t i = 0; i < r->centres->n_items; i++)
            if (!strcmp(r->centres->items[i]->name, name))
                return *id = r->centres->items[i]->id, 0;
    } else if (!strcmp(key, "operation") || !strcmp(key, "paid_by_operation")) {
        r = (const Fcavtal__V1__RegistryReply *)l->operations;
        for (size_t i = 0; i < r->operations->n_items; i++)
            if (!strcmp(r->operations->items[i]->name, name))
                return *id = r->operations->items[i]->id, 0;
    } else if (!strcmp(key, "organisation")) {
        r = (const Fcavtal__V1__RegistryReply *)l->organisations;
        for (size_t i = 0; i < r->organisations->n_items; i++) {
            const Fcavtal__V1__Organisation *o = r->organisations->items[i];
            if (!strcmp(o->name, name) || (o->org_number && !strcmp(o->org_number->value, name)))
                return *id = o->id, 0;
        }
    } else if (!strcmp(key, "agreement")) {
        r = (const Fcavtal__V1__RegistryReply *)l->agreements;
        for (size_t i = 0; i < r->agreements->n_items; i++)
            if (!strcmp(r->agreements->items[i]->title, name))
                return *id = r->agreements->items[i]->id, 0;
    }
    return -1;
}

static int resolve(void *ctx, const char *key, const json_t *value, uint64_t *id, char *err,
                   size_t errlen)
{
    if (json_is_integer(value) && json_integer_value(value) > 0) {
        *id = (uint64_t)json_integer_value(value);
        return 0;
    }
    if (json_is_string(value) && find(ctx, key, json_string_value(value), id) == 0)
        return 0;
    snprintf(err, errlen, "the registry has no %s %s%s%s", key, json_is_string(value) ? "\"" : "",
             json_is_string(value) ? json_string_value(value) : "of that kind",
             json_is_string(value) ? "\"" : "");
    return -1;
}

/* FNV-1a of the file: the same file, the same request ids. */
static uint64_t digest(const json_t *doc)
{
    char *text = json_dumps(doc, JSON_SORT_KEYS | JSON_COMPACT);
    uint64_t h = 14695981039346656037ull;
    for (const char *p = text ? text : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    free(text);
    return h;
}

static int send_one(cli_t *cli, lookup_t *l, const char *method, json_t *body, const char *id,
                    const char *what)
{
    json_t *wrap = json_pack("{so}", method, body);
    pbj_opts_t opts = {resolve, l, NULL};
    pbj_error_t err;
    ProtobufCMessage *req = wrap ? pbj_from_json(cli->service->def->request, wrap, &opts, &err)
                                 : NULL;
    json_decref(wrap);
    if (!req) {
        fprintf(stderr, "error: %s: %s: %s\n", what, err.path, err.message);
        return CLI_FAILED;
    }
    const char *own = cli->request_id;
    cli->request_id = id;
    ProtobufCMessage *reply;
    int rc = cli_send(cli, req, &reply, NULL, NULL);
    cli->request_id = own;
    protobuf_c_message_free_unpacked(req, NULL);
    if (rc == CLI_OK)
        protobuf_c_message_free_unpacked(reply, NULL);
    else
        fprintf(stderr, "error: %s was not loaded\n", what);
    return rc;
}

static int load_list(cli_t *cli, lookup_t *l, json_t *doc, uint64_t h, const char *list,
                     const char *method, const char *member, size_t *count)
{
    json_t *arr = json_object_get(doc, list);
    if (!arr)
        return CLI_OK;
    if (!json_is_array(arr)) {
        fprintf(stderr, "error: \"%s\" must be a list\n", list);
        return CLI_FAILED;
    }
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        char id[64], what[64];
        snprintf(id, sizeof id, "costs-load-%016" PRIx64 "-%s-%zu", h, list, i);
        snprintf(what, sizeof what, "%s[%zu]", list, i);
        int rc = send_one(cli, l, method, json_pack("{sO}", member, v), id, what);
        if (rc != CLI_OK)
            return rc;
        (*count)++;
    }
    return CLI_OK;
}

static int load_items(cli_t *cli, lookup_t *l, json_t *doc, uint64_t h, size_t *count)
{
    json_t *arr = json_object_get(doc, "items");
    if (!arr)
        return CLI_OK;
    if (!json_is_array(arr)) {
        fprintf(stderr, "error: \"items\" must be a list\n");
        return CLI_FAILED;
    }
    size_t n = json_array_size(arr);
    for (size_t first = 0; first < n; first += ITEMS_PER_REQUEST) {
        json_t *batch = json_array();
        for (size_t i = first; i < n && i < first + ITEMS_PER_REQUEST; i++)
            json_array_append(batch, json_array_get(arr, i));
        char id[64], what[64];
        snprintf(id, sizeof id, "costs-load-%016" PRIx64 "-items-%zu", h, first);
        snprintf(what, sizeof what, "items[%zu..]", first);
        size_t k = json_array_size(batch);
        int rc = send_one(cli, l, "add_cost_items", json_pack("{so}", "items", batch), id, what);
        if (rc != CLI_OK)
            return rc;
        *count += k;
    }
    return CLI_OK;
}

int costs_load(cli_t *cli, const char *path)
{
    json_t *doc = cli_load_json(path);
    if (!doc)
        return CLI_FAILED;
    lookup_t l = {0};
    int rc = lookup_load(cli, &l) ? CLI_OK : CLI_FAILED;
    uint64_t h = digest(doc);
    size_t rules = 0, charts = 0, items = 0;
    if (rc == CLI_OK)
        rc = load_list(cli, &l, doc, h, "rules", "set_allocation_rules", "local", &rules);
    if (rc == CLI_OK)
        rc = load_list(cli, &l, doc, h, "charts", "set_chart_of_accounts", "chart", &charts);
    if (rc == CLI_OK)
        rc = load_items(cli, &l, doc, h, &items);
    if (rc == CLI_OK && !cli->quiet)
        printf("loaded %zu cost item%s, local rules of %zu centre%s, %zu chart%s of accounts\n",
               items, items == 1 ? "" : "s", rules, rules == 1 ? "" : "s", charts,
               charts == 1 ? "" : "s");
    lookup_clear(&l);
    json_decref(doc);
    return rc;
}
