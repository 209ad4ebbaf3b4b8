/* Organisations: regions, municipalities, companies; unique by org number. */
#include "organisation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/orgnr.h"
#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "query.h"
#include "records.h"

typedef Fcavtal__V1__Organisation Org;

/* The id registered for an org number, or 0 when none. */
fc_status_t reg_org_by_number(fc_call_t *call, const char *orgnr, uint64_t *id)
{
    fc_index_key_t key;
    fc_index_key_text(&key, orgnr);
    fc_status_t st = fc_record_index_first(call, REC_ORGANISATION, IX_ORG_NUMBER, &key, id);
    return st == FC_NOT_FOUND ? FC_OK : st;
}

static void field(char *out, size_t len, const char *path, const char *name)
{
    snprintf(out, len, "%s.%s", path, name);
}

static bool check_fields(fc_call_t *call, Org *org, const char *path)
{
    char f[256];
    bool ok = true;
    if (!org->name || !*org->name) {
        field(f, sizeof f, path, "name");
        fc_call_violation(call, f, "an organisation needs a name");
        ok = false;
    }
    if (org->kind == FCAVTAL__V1__ORG_KIND__ORG_KIND_UNSPECIFIED || org->kind > FCAVTAL__V1__ORG_KIND__ORG_KIND_OTHER) {
        field(f, sizeof f, path, "kind");
        fc_call_violation(call, f, "kind must be region, municipality, company or other");
        ok = false;
    }
    char normal[FC_ORGNR_STRLEN];
    fc_orgnr_error_t e = fc_orgnr_normalise(org->org_number ? org->org_number->value : NULL, normal);
    field(f, sizeof f, path, "org_number");
    if (e != FC_ORGNR_OK) {
        fc_call_violation(call, f, "invalid organisation number '%s': %s",
                          org->org_number && org->org_number->value ? org->org_number->value : "",
                          fc_orgnr_strerror(e));
        ok = false;
    } else if (fc_pb_set_string(&org->org_number->value, normal)) {
        ok = false;
    }
    for (size_t i = 0; i < org->n_contacts; i++) {
        const char *email = org->contacts[i]->email;
        if (email && *email && !strchr(email, '@')) {
            snprintf(f, sizeof f, "%s.contacts[%zu].email", path, i);
            fc_call_violation(call, f, "'%s' is not an e-mail address", email);
            ok = false;
        }
    }
    return ok;
}

static fc_status_t check_region(fc_call_t *call, const Org *org, const char *path)
{
    if (!org->region_id)
        return FC_OK;
    char f[256];
    field(f, sizeof f, path, "region_id");
    Org *region = NULL;
    fc_status_t st = reg_ref(call, REC_ORGANISATION, org->region_id, f, (ProtobufCMessage **)&region);
    if (st)
        return st;
    bool is_region = region->kind == FCAVTAL__V1__ORG_KIND__ORG_KIND_REGION;
    fcavtal__v1__organisation__free_unpacked(region, NULL);
    if (is_region)
        return FC_OK;
    fc_call_violation(call, f, "organisation %llu is not a region", (unsigned long long)org->region_id);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s does not name a region", f);
}

/* An org number belongs to one organisation (the index follows the record). */
static fc_status_t check_number(fc_call_t *call, const Org *org, const char *path)
{
    uint64_t holder = 0;
    fc_status_t st = reg_org_by_number(call, org->org_number->value, &holder);
    if (st)
        return fc_call_fail(call, st, "cannot look up organisation number %s",
                            org->org_number->value);
    if (!holder || holder == org->id)
        return FC_OK;
    char f[256];
    field(f, sizeof f, path, "org_number");
    fc_call_violation(call, f, "already registered to organisation %llu", (unsigned long long)holder);
    return fc_call_fail(call, FC_ALREADY_EXISTS, "organisation number %s is already registered",
                        org->org_number->value);
}

fc_status_t reg_org_save(fc_call_t *call, Org *org, const char *path)
{
    fc_status_t limit = reg_check_count(call, path, "contacts", org->n_contacts, REG_MAX_PEOPLE);
    if (limit)
        return limit;
    if (!check_fields(call, org, path))
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "invalid organisation");
    fc_status_t st = check_region(call, org, path);
    if (st)
        return st;
    bool create = org->id == 0, exists = false;
    if (create)
        st = fc_record_new_id(call, REC_ORGANISATION, &org->id);
    else if (!(st = fc_record_exists(call, REC_ORGANISATION, org->id, &exists)) && !exists)
        st = fc_call_fail(call, FC_NOT_FOUND, "no organisation with id %llu",
                          (unsigned long long)org->id);
    if (!st)
        st = check_number(call, org, path);
    if (!st)
        st = fc_record_put(call, REC_ORGANISATION, &org->base);
    if (!st)
        st = fc_call_emit(call, REC_ORGANISATION, create ? "created" : "updated", &org->base);
    return st;
}

fc_status_t reg_put_organisation(fc_call_t *call, const Fcavtal__V1__PutOrganisation *body, Rep *rep)
{
    if (!body->organisation)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_organisation needs an organisation");
    Org *org = (Org *)fc_pb_clone(&body->organisation->base);
    if (!org)
        return REG_FAIL_OOM(call);
    if (!org->org_number) {
        org->org_number = malloc(sizeof *org->org_number);
        if (!org->org_number) {
            fcavtal__v1__organisation__free_unpacked(org, NULL);
            return REG_FAIL_OOM(call);
        }
        fcavtal__v1__org_number__init(org->org_number);
    }
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION;
    rep->organisation = org;
    return reg_org_save(call, org, "organisation");
}

fc_status_t reg_get_organisation(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep)
{
    (void)rep;   /* the body is the stored record, added as the reply is packed */
    return fc_record_reply(call, REC_ORGANISATION, body->id, FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION);
}

static fc_status_t keep_org(fc_call_t *call, const ProtobufCMessage *record, const void *filter,
                            bool *keep)
{
    (void)call;
    const Org *org = (const Org *)record;
    const Fcavtal__V1__ListOrganisations *f = filter;
    *keep = (!f->kind || org->kind == f->kind)
            && (!f->region_id || org->region_id == f->region_id || org->id == f->region_id);
    return FC_OK;
}

fc_status_t reg_list_organisations(fc_call_t *call, const Fcavtal__V1__ListOrganisations *body,
                                   Rep *rep)
{
    Fcavtal__V1__OrganisationList *list = malloc(sizeof *list);
    if (!list)
        return REG_FAIL_OOM(call);
    fcavtal__v1__organisation_list__init(list);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATIONS;
    rep->organisations = list;
    reg_query_t q = { .type = REC_ORGANISATION, .keep = keep_org, .filter = body,
                      .after_id = body->after_id, .limit = body->limit };
    if (body->kind) {
        q.all[0].index = IX_ORG_KIND;
        fc_index_key_u32(&q.all[q.n_all++].key, (uint32_t)body->kind);
    }
    fc_status_t st = FC_OK;
    if (body->region_id && q.n_all == 0) {
        /* The region's members and the region itself. */
        reg_lookup_t *l = malloc(sizeof *l);
        if (!l)
            return REG_FAIL_OOM(call);
        l->index = IX_ORG_REGION;
        fc_index_key_u64(&l->key, body->region_id);
        q.any = l;
        q.n_any = 1;
        q.use_any = true;
        q.also_id = body->region_id;
    }
    st = reg_query_page(call, &q, &list->n_items, &list->items, &list->next_after_id);
    free(q.any);
    return st;
}
