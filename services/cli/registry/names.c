/* Organisation and operation names for readable output, fetched once per
 * run with two lists (every page of each). */
#include "names.h"

#include <inttypes.h>
#include <stdio.h>

static reg_reply_t *orgs;
static reg_reply_t *ops;

static reg_reply_t *fetch(cli_t *cli, const char *method)
{
    ProtobufCMessage *reply = NULL;
    bool quiet = cli->quiet, more = false;
    cli->quiet = true;
    if (cli_list(cli, method, json_object(), 0, &reply, &more) != CLI_OK)
        reply = NULL;
    cli->quiet = quiet;
    return (reg_reply_t *)reply;
}

void names_load(cli_t *cli)
{
    if (!orgs)
        orgs = fetch(cli, "list_organisations");
    if (!ops)
        ops = fetch(cli, "list_operations");
}

void names_clear(void)
{
    if (orgs)
        protobuf_c_message_free_unpacked(&orgs->base, NULL);
    if (ops)
        protobuf_c_message_free_unpacked(&ops->base, NULL);
    orgs = ops = NULL;
}

static const Fcavtal__V1__Organisation *find_org(uint64_t id)
{
    if (!orgs || orgs->body_case != FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATIONS)
        return NULL;
    for (size_t i = 0; i < orgs->organisations->n_items; i++)
        if (orgs->organisations->items[i]->id == id)
            return orgs->organisations->items[i];
    return NULL;
}

static const Fcavtal__V1__Operation *find_op(uint64_t id)
{
    if (!ops || ops->body_case != FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATIONS)
        return NULL;
    for (size_t i = 0; i < ops->operations->n_items; i++)
        if (ops->operations->items[i]->id == id)
            return ops->operations->items[i];
    return NULL;
}

const char *names_org(uint64_t id, char *buf, size_t n)
{
    const Fcavtal__V1__Organisation *o = find_org(id);
    if (o)
        snprintf(buf, n, "%s %s (organisation %" PRIu64 ")", o->name,
                 o->org_number ? o->org_number->value : "", id);
    else
        snprintf(buf, n, "organisation %" PRIu64, id);
    return buf;
}

const char *names_op(uint64_t id, char *buf, size_t n)
{
    const Fcavtal__V1__Operation *op = find_op(id);
    if (op)
        snprintf(buf, n, "%s (operation %" PRIu64 ")", op->name, id);
    else
        snprintf(buf, n, "operation %" PRIu64, id);
    return buf;
}

const char *names_org_short(uint64_t id, char *buf, size_t n)
{
    const Fcavtal__V1__Organisation *o = find_org(id);
    if (id == 0)
        snprintf(buf, n, "%s", "");
    else if (o)
        snprintf(buf, n, "%s", o->name);
    else
        snprintf(buf, n, "%" PRIu64, id);
    return buf;
}
