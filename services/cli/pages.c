/* Lists come in pages (a list request has limit and after_id, its reply's
 * list has items and next_after_id: docs/protocol.md). The commands fetch
 * every page and show one list, or stop at --limit. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "reflect.h"

/* The most a service gives in one page (registry: REG_LIST_MAX). */
#define PAGE_MAX 10000

/* The list a reply carries: its body, with the two paging fields. */
static ProtobufCMessage *list_of(const ProtobufCMessage *reply)
{
    const ProtobufCFieldDescriptor *body = cli_oneof_set(reply);
    if (!body || body->type != PROTOBUF_C_TYPE_MESSAGE)
        return NULL;
    ProtobufCMessage *list = *(ProtobufCMessage **)((char *)reply + body->offset);
    const ProtobufCFieldDescriptor *items = list ? cli_field(list->descriptor, "items") : NULL;
    if (!items || items->label != PROTOBUF_C_LABEL_REPEATED ||
        items->type != PROTOBUF_C_TYPE_MESSAGE || !cli_field(list->descriptor, "next_after_id"))
        return NULL;
    return list;
}

typedef struct {
    size_t *n;
    ProtobufCMessage ***items;
} items_t;

static items_t items_of(ProtobufCMessage *list)
{
    const ProtobufCFieldDescriptor *f = cli_field(list->descriptor, "items");
    return (items_t){(size_t *)((char *)list + f->quantifier_offset),
                     (ProtobufCMessage ***)((char *)list + f->offset)};
}

/* Moves the page's items to the end of the list's. 0, or -1 out of memory. */
static int append(ProtobufCMessage *list, ProtobufCMessage *page)
{
    items_t dst = items_of(list), src = items_of(page);
    if (*src.n == 0)
        return 0;
    ProtobufCMessage **arr = realloc(*dst.items, (*dst.n + *src.n) * sizeof *arr);
    if (!arr)
        return -1;
    memcpy(arr + *dst.n, *src.items, *src.n * sizeof *arr);
    *dst.items = arr;
    *dst.n += *src.n;
    *src.n = 0;  /* the items are the list's now; the page frees only its array */
    return 0;
}

/* Keeps the first max items; the list then continues after the last kept. */
static void truncate_to(ProtobufCMessage *list, size_t max)
{
    items_t it = items_of(list);
    for (size_t i = max; i < *it.n; i++)
        protobuf_c_message_free_unpacked((*it.items)[i], NULL);
    *it.n = max;
    cli_set_u64(list, "next_after_id", max ? cli_get_u64((*it.items)[max - 1], "id") : 0);
}

/* One page after `after`; at most `want` items (0: the service's page). */
static int fetch(cli_t *cli, const char *method, json_t *body, uint64_t after, size_t want,
                 ProtobufCMessage **reply)
{
    if (json_object_set_new(body, "after_id", json_integer((json_int_t)after)) != 0 ||
        json_object_set_new(body, "limit", json_integer((json_int_t)want)) != 0)
        return cli_call(cli, method, NULL, false, reply);  /* reports out of memory */
    return cli_call(cli, method, json_incref(body), false, reply);
}

/* The list gathered so far: the first reply, which the later pages' items
 * join. */
typedef struct {
    const char *method;
    ProtobufCMessage *first;
    ProtobufCMessage *list;  /* the first reply's list */
    uint64_t after;          /* where the next page starts; 0: no more */
} gather_t;

/* Takes one page's reply (consumed). CLI_OK or CLI_FAILED, reported. */
static int take_page(gather_t *g, ProtobufCMessage *reply)
{
    ProtobufCMessage *page = list_of(reply);
    uint64_t next = page ? cli_get_u64(page, "next_after_id") : 0;
    const char *problem = !page                          ? "the reply is not a paged list"
                          : next != 0 && next <= g->after ? "the list does not move on"
                                                          : NULL;
    if (!problem && !g->first) {
        g->first = reply;
        g->list = page;
    } else if (!problem && append(g->list, page) != 0) {
        problem = "out of memory";
    }
    if (reply != g->first)
        protobuf_c_message_free_unpacked(reply, NULL);
    if (problem) {
        fprintf(stderr, "error: %s: %s\n", g->method, problem);
        return CLI_FAILED;
    }
    g->after = next;
    cli_set_u64(g->list, "next_after_id", next);
    return CLI_OK;
}

int cli_list(cli_t *cli, const char *method, json_t *body, size_t max, ProtobufCMessage **out,
             bool *more)
{
    *out = NULL;
    *more = false;
    if (!body)
        return cli_call(cli, method, NULL, false, out);
    gather_t g = {.method = method};
    int rc;
    do {
        size_t got = g.list ? *items_of(g.list).n : 0;
        /* One more than needed tells whether more follow. */
        size_t want = max && max - got < PAGE_MAX ? max - got + 1 : 0;
        ProtobufCMessage *reply = NULL;
        rc = fetch(cli, method, body, g.after, want, &reply);
        if (rc == CLI_OK)
            rc = take_page(&g, reply);
        if (rc == CLI_OK && max && *items_of(g.list).n > max) {
            truncate_to(g.list, max);
            *more = true;
            break;
        }
    } while (rc == CLI_OK && g.after != 0);
    json_decref(body);
    if (rc != CLI_OK && g.first)
        protobuf_c_message_free_unpacked(g.first, NULL);
    *out = rc == CLI_OK ? g.first : NULL;
    return rc;
}
