/* Organisations: regions, municipalities, companies; unique by org number. */
#include "organisation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/orgnr.h"
#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "records.h"

typedef Fcavtal__V1__Organisation Org;

static MDB_dbi orgnr_dbi(fc_call_t *call)
{
    return fc_store_dbi(fc_call_store(call), DB_ORG_NUMBERS);
}

/* The id registered for an org number, or 0. */
uint64_t reg_org_by_number(fc_call_t *call, const char *orgnr)
{
    MDB_val k = { strlen(orgnr), (void *)orgnr }, v;
    if (mdb_get(fc_call_txn(call), orgnr_dbi(call), &k, &v) || v.mv_size != 8)
        return 0;
    return fc_key_get_u64(v.mv_data);
}

static fc_status_t index_number(fc_call_t *call, const char *orgnr, uint64_t id, bool add)
{
    uint8_t be[8];
    fc_key_put_u64(be, id);
    MDB_val k = { strlen(orgnr), (void *)orgnr }, v = { sizeof be, be };
    int rc = add ? mdb_put(fc_call_txn(call), orgnr_dbi(call), &k, &v, 0)
                 : mdb_del(fc_call_txn(call), orgnr_dbi(call), &k, NULL);
    return rc && rc != MDB_NOTFOUND ? fc_call_fail(call, fc_status_from_mdb(rc),
                                                   "cannot index org number %s", orgnr)
                                    : FC_OK;
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
    fc_status_t st = reg_ref(call, DB_ORGANISATIONS, org->region_id,
                             &fcavtal__v1__organisation__descriptor, f, (ProtobufCMessage **)&region);
    if (st)
        return st;
    bool is_region = region->kind == FCAVTAL__V1__ORG_KIND__ORG_KIND_REGION;
    fcavtal__v1__organisation__free_unpacked(region, NULL);
    if (is_region)
        return FC_OK;
    fc_call_violation(call, f, "organisation %llu is not a region", (unsigned long long)org->region_id);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s does not name a region", f);
}

/* Claims the org number for org->id, releasing the previous one on update. */
static fc_status_t claim_number(fc_call_t *call, Org *org, const char *previous, const char *path)
{
    uint64_t holder = reg_org_by_number(call, org->org_number->value);
    if (holder && holder != org->id) {
        char f[256];
        field(f, sizeof f, path, "org_number");
        fc_call_violation(call, f, "already registered to organisation %llu", (unsigned long long)holder);
        return fc_call_fail(call, FC_ALREADY_EXISTS, "organisation number %s is already registered",
                            org->org_number->value);
    }
    if (previous && strcmp(previous, org->org_number->value) != 0) {
        fc_status_t st = index_number(call, previous, org->id, false);
        if (st)
            return st;
    }
    return index_number(call, org->org_number->value, org->id, true);
}

fc_status_t reg_org_save(fc_call_t *call, Org *org, const char *path)
{
    if (!check_fields(call, org, path))
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "invalid organisation");
    fc_status_t st = check_region(call, org, path);
    if (st)
        return st;
    char *previous = NULL;
    bool create = org->id == 0;
    if (create) {
        st = reg_new_id(call, DB_ORGANISATIONS, &org->id);
    } else {
        Org *old = NULL;
        st = reg_load(call, DB_ORGANISATIONS, org->id, &fcavtal__v1__organisation__descriptor,
                      (ProtobufCMessage **)&old);
        if (!st && old->org_number)
            previous = strdup(old->org_number->value);
        if (old)
            fcavtal__v1__organisation__free_unpacked(old, NULL);
    }
    if (!st)
        st = claim_number(call, org, previous, path);
    free(previous);
    if (!st)
        st = reg_store(call, DB_ORGANISATIONS, org->id, &org->base);
    if (!st)
        st = reg_emit(call, create ? "organisation.created" : "organisation.updated", &org->base);
    return st;
}

REGISTRY_HANDLER(reg_put_organisation)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    if (!req->put_organisation->organisation)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_organisation needs an organisation");
    Org *org = (Org *)fc_pb_clone(&req->put_organisation->organisation->base);
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

REGISTRY_HANDLER(reg_get_organisation)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    fc_status_t st = reg_load(call, DB_ORGANISATIONS, req->get_organisation->id,
                              &fcavtal__v1__organisation__descriptor,
                              (ProtobufCMessage **)&rep->organisation);
    if (!st)
        rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATION;
    return st;
}

static bool keep_org(fc_call_t *call, const ProtobufCMessage *record, const void *filter)
{
    (void)call;
    const Org *org = (const Org *)record;
    const Fcavtal__V1__ListOrganisations *f = filter;
    return (!f->kind || org->kind == f->kind)
           && (!f->region_id || org->region_id == f->region_id || org->id == f->region_id);
}

REGISTRY_HANDLER(reg_list_organisations)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    rep->organisations = malloc(sizeof *rep->organisations);
    if (!rep->organisations)
        return REG_FAIL_OOM(call);
    fcavtal__v1__organisation_list__init(rep->organisations);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_ORGANISATIONS;
    return reg_list(call, DB_ORGANISATIONS, &fcavtal__v1__organisation__descriptor, keep_org,
                    req->list_organisations, &rep->organisations->n_items,
                    &rep->organisations->items);
}
