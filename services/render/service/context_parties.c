/* The parties in the agreement's order, each with its organisation number
 * and its signature block (Bilaga 1 §18, Bilaga 2 §12: date and place,
 * name and title; empty lines to sign on until the registry records it). */
#include <stdio.h>
#include <string.h>

#include "context.h"
#include "words.h"

#define AKIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x

static const Fcavtal__V1__Signature *signature_of(const DocAgreement *a,
                                                  const Fcavtal__V1__Party *p)
{
    for (size_t i = 0; i < a->n_signatures; i++)
        if (a->signatures[i]->organisation_id == p->organisation_id
            && a->signatures[i]->operation_id == p->operation_id)
            return a->signatures[i];
    return NULL;
}

static void signature(rsv_build_t *b, const Fcavtal__V1__Signature *s, rnd_value_t *party)
{
    rnd_value_t *m = rsv_map(b, party, "signature");
    rsv_set_date(b, m, "date", s ? s->date : NULL);
    rsv_set(b, m, "place", s ? s->place : "");
    rsv_set(b, m, "name", s ? s->name : "");
    rsv_set(b, m, "title", s ? s->title : "");
}

/* Bilaga 2 names the parties by their part: upplåtare and nyttjare. */
static const char *role_name(const char *role)
{
    if (!strcmp(role, "grantor"))
        return "upplåtare";
    if (!strcmp(role, "user"))
        return "nyttjare";
    return NULL;
}

static void party(rsv_build_t *b, rsv_world_t *w, const Fcavtal__V1__Party *p, rnd_value_t *m)
{
    const DocOrganisation *org = rsv_world_org(w, p->organisation_id);
    const DocOperation *op = p->operation_id ? rsv_world_op(w, p->operation_id) : NULL;
    const char *name = op ? op->name : org ? org->name : "";
    const char *role = w->agreement->kind == AKIND(USE_RIGHT) ? role_name(p->role) : NULL;
    if (role)
        rsv_setf(b, m, "operation", "%s (%s)", name, role);
    else
        rsv_set(b, m, "operation", name);
    rsv_set(b, m, "operation_kind", op ? rsv_operation_kind_name(op->kind, op->other_kind) : "");
    rsv_set(b, m, "organisation", org ? org->name : "");
    rsv_set(b, m, "org_number", org ? org->org_number : "");
    /* The principal (huvudman) runs the operation: its organisation. */
    rsv_set(b, m, "principal", org ? org->name : "");
    signature(b, signature_of(w->agreement, p), m);
}

void rsv_ctx_parties(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    rnd_value_t *list = rsv_list(b, ctx, "parties");
    for (size_t i = 0; i < w->agreement->n_parties; i++)
        party(b, w, w->agreement->parties[i], rsv_item(b, list));
}
