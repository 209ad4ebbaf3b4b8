/* Text output of the registry's replies: which printer a body needs, with
 * the names of the organisations and operations it refers to. */
#include "print.h"

#include <stdio.h>

#include "names.h"
#include "registry.h"

const char *fmt_fte(int32_t permille, char *buf, size_t n)
{
    snprintf(buf, n, "%d.%02d", (int)(permille / 1000), (int)((permille % 1000) / 10));
    return buf;
}

int print_reply(const Fcavtal__V1__RegistryReply *r)
{
    switch (r->body_case) {
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION:
        return print_organisation(r->organisation);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATIONS:
        return print_organisations(r->organisations->items, r->organisations->n_items);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION:
        return print_operation(r->operation);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATIONS:
        return print_operations(r->operations->items, r->operations->n_items);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE:
        return print_centre(r->centre);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRES:
        return print_centres(r->centres->items, r->centres->n_items);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_COMPOSITION:
        return print_composition(r->composition);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT:
        return print_agreement(r->agreement);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENTS:
        return print_agreements(r->agreements->items, r->agreements->n_items);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_HISTORY:
        return print_history(r->history);
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_IMPORTED:
        return print_imported(r->imported);
    default:
        printf("ok\n");
        return 0;
    }
}

/* Bodies whose text output names organisations and operations by id. */
static bool wants_names(const Fcavtal__V1__RegistryReply *reply)
{
    switch (reply->body_case) {
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATIONS:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATIONS:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRE:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_CENTRES:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_COMPOSITION:
    case FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT:
        return true;
    default:
        return false;
    }
}

int cli_registry_print(cli_t *cli, const ProtobufCMessage *reply)
{
    const Fcavtal__V1__RegistryReply *r = (const Fcavtal__V1__RegistryReply *)reply;
    if (wants_names(r))
        names_load(cli);
    return print_reply(r);
}

void cli_registry_clear(void)
{
    names_clear();
}
