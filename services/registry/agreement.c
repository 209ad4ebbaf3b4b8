/* Agreements: validation, storage with full version history, queries. */
#include "agreement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "records.h"
#include "term.h"

typedef Fcavtal__V1__Centre Centre;

static fc_status_t invalid(fc_call_t *call, const char *path, const char *name, const char *what)
{
    char f[256];
    snprintf(f, sizeof f, "%s.%s", path, name);
    fc_call_violation(call, f, "%s", what);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: %s", f, what);
}

static fc_status_t check_party(fc_call_t *call, const Fcavtal__V1__Party *p, const char *path)
{
    char f[256];
    snprintf(f, sizeof f, "%s.organisation_id", path);
    if (!reg_exists(call, DB_ORGANISATIONS, p->organisation_id))
        return invalid(call, path, "organisation_id", "unknown organisation");
    if (!p->operation_id)
        return FC_OK;
    Fcavtal__V1__Operation *op = NULL;
    snprintf(f, sizeof f, "%s.operation_id", path);
    fc_status_t st = reg_ref(call, DB_OPERATIONS, p->operation_id,
                             &fcavtal__v1__operation__descriptor, f, (ProtobufCMessage **)&op);
    if (st)
        return st;
    bool same = op->organisation_id == p->organisation_id;
    fcavtal__v1__operation__free_unpacked(op, NULL);
    return same ? FC_OK : invalid(call, path, "operation_id",
                                  "the operation is run by another organisation");
}

/* VG §15: a local agreement is for a familjecentral or a
 * familjecentralsliknande verksamhet; a centre the framework does not cover
 * cannot have one. */
static fc_status_t check_centre(fc_call_t *call, Agreement *a, const char *path)
{
    bool local = a->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_LOCAL;
    if (!a->centre_id)
        return local ? invalid(call, path, "centre_id", "a local agreement names its centre")
                     : FC_OK;
    char f[256];
    snprintf(f, sizeof f, "%s.centre_id", path);
    Centre *c = NULL;
    fc_status_t st = reg_ref(call, DB_CENTRES, a->centre_id, &fcavtal__v1__centre__descriptor, f,
                             (ProtobufCMessage **)&c);
    if (st)
        return st;
    if (local && !a->framework_id)
        a->framework_id = c->framework_id;
    if (local && c->classification
        && c->classification->kind == FCAVTAL__V1__CLASSIFICATION_KIND__CLASSIFICATION_NOT_COVERED) {
        fc_call_violation(call, f, "centre '%s' is not covered by the framework: %s", c->name,
                          c->classification->summary);
        st = fc_call_fail(call, FC_FAILED_PRECONDITION,
                          "centre '%s' is not covered by the framework, so it cannot have a local "
                          "agreement: %s", c->name, c->classification->summary);
    }
    fcavtal__v1__centre__free_unpacked(c, NULL);
    return st;
}

static fc_status_t check_framework_link(fc_call_t *call, const Agreement *a, const char *path)
{
    if (!a->framework_id)
        return FC_OK;
    Agreement *fw = NULL;
    char f[256];
    snprintf(f, sizeof f, "%s.framework_id", path);
    fc_status_t st = reg_ref(call, DB_AGREEMENTS, a->framework_id,
                             &fcavtal__v1__agreement__descriptor, f, (ProtobufCMessage **)&fw);
    if (st)
        return st;
    bool ok = fw->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_FRAMEWORK;
    fcavtal__v1__agreement__free_unpacked(fw, NULL);
    return ok ? FC_OK : invalid(call, path, "framework_id", "not a framework agreement");
}

static fc_status_t check_kind(fc_call_t *call, Agreement *a, const char *path)
{
    switch (a->kind) {
    case FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_FRAMEWORK:
        if (!a->rule_set || a->rule_set > FCAVTAL__V1__RULE_SET__RULE_SET_NATIONAL)
            return invalid(call, path, "rule_set",
                           "a framework agreement names its rule set (vg, orebro or national)");
        return a->framework_id ? invalid(call, path, "framework_id",
                                         "a framework agreement does not hang under another")
                               : FC_OK;
    case FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_LOCAL:
    case FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_USE_RIGHT: {
        fc_status_t st = check_centre(call, a, path);
        return st ? st : check_framework_link(call, a, path);
    }
    default:
        return invalid(call, path, "kind", "kind must be framework, local or use_right");
    }
}

static fc_status_t check_term(fc_call_t *call, const Agreement *a, const char *path)
{
    char p[256];
    snprintf(p, sizeof p, "%s.term", path);
    if (!a->term)
        return invalid(call, path, "term", "an agreement needs a term");
    fc_report_t report = { 0 };
    reg_term_check(a->term, a->kind, p, &report);
    for (size_t i = 0; i < report.n_violations; i++)
        fc_call_violation(call, report.fields[i], "%s", report.descriptions[i]);
    for (size_t i = 0; i < report.n_warnings; i++)
        fc_call_warning(call, "%s", report.warnings[i]);
    fc_status_t st = report.n_violations
                         ? fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: %s", report.fields[0],
                                        report.descriptions[0])
                         : FC_OK;
    fc_report_clear(&report);
    return st;
}

fc_status_t reg_agreement_check(fc_call_t *call, Agreement *a, const char *path)
{
    if (!a->title || !*a->title)
        return invalid(call, path, "title", "an agreement needs a title");
    if (a->n_parties == 0)
        return invalid(call, path, "parties", "an agreement needs its parties");
    fc_status_t st = check_kind(call, a, path);
    for (size_t i = 0; !st && i < a->n_parties; i++) {
        char p[256];
        snprintf(p, sizeof p, "%s.parties[%zu]", path, i);
        st = check_party(call, a->parties[i], p);
    }
    if (!st && a->use_right && a->use_right->annual_cost && a->use_right->annual_cost->ore < 0)
        st = invalid(call, path, "use_right.annual_cost", "a cost cannot be negative");
    return st ? st : check_term(call, a, path);
}

static fc_status_t put_version(fc_call_t *call, const Agreement *a)
{
    uint8_t key[12];
    fc_key_put_u64(key, a->id);
    for (int i = 0; i < 4; i++)
        key[8 + i] = (uint8_t)(a->version >> (24 - 8 * i));
    fc_status_t st = fc_store_put_pb(fc_call_txn(call),
                                     fc_store_dbi(fc_call_store(call), DB_AGREEMENT_VERSIONS), key,
                                     sizeof key, &a->base);
    return st ? fc_call_fail(call, st, "cannot store the agreement's history") : FC_OK;
}

/* current_end depends on the day it is read, so it is never stored; the
 * reply gets it once the record and its event are written. */
fc_status_t reg_agreement_commit(fc_call_t *call, Agreement *a, const char *action)
{
    reg_agreement_drop_current_end(a);
    fc_status_t st = reg_store(call, DB_AGREEMENTS, a->id, &a->base);
    if (!st)
        st = put_version(call, a);
    if (!st)
        st = reg_emit(call, action, &a->base);
    if (!st)
        reg_agreement_fill_current_end(call, a);
    return st;
}

fc_status_t reg_agreement_for_change(fc_call_t *call, ProtobufCMessage *reply, uint64_t id,
                                     Agreement **out)
{
    Rep *rep = (Rep *)reply;
    fc_status_t st = reg_load(call, DB_AGREEMENTS, id, &fcavtal__v1__agreement__descriptor,
                              (ProtobufCMessage **)out);
    if (st)
        return st;
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT;
    rep->agreement = *out;
    return FC_OK;
}

/* A client's draft against the stored one (NULL on a create): what only the
 * registry sets is not taken from it (agreement_input.c). */
static fc_status_t take_draft(fc_call_t *call, Agreement *a, const Agreement *old,
                              uint32_t version)
{
    reg_computed_t result = {.status = FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_DRAFT,
                             .version = version};
    return reg_agreement_take_input(call, a, old, "agreement", &result);
}

/* Creates a draft (id 0) or changes a draft; anything further along changes
 * only through amend, so that all parties approve it. */
REGISTRY_HANDLER(reg_put_agreement)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    if (!req->put_agreement->agreement)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_agreement needs an agreement");
    Agreement *a = (Agreement *)fc_pb_clone(&req->put_agreement->agreement->base);
    if (!a)
        return REG_FAIL_OOM(call);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT;
    rep->agreement = a;
    if (a->n_signatures || a->notice)
        return invalid(call, "agreement", a->n_signatures ? "signatures" : "notice",
                       "recorded through sign and record_notice, not put");
    uint32_t version = 1;
    fc_status_t taken = FC_OK;
    if (a->id) {
        Agreement *old = NULL;
        fc_status_t st = reg_load(call, DB_AGREEMENTS, a->id, &fcavtal__v1__agreement__descriptor,
                                  (ProtobufCMessage **)&old);
        if (st)
            return st;
        bool draft = old->status == FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_DRAFT;
        version = old->version + 1;
        if (draft)
            taken = take_draft(call, a, old, version);
        fcavtal__v1__agreement__free_unpacked(old, NULL);
        if (!draft)
            return fc_call_fail(call, FC_FAILED_PRECONDITION,
                                "agreement %llu is no longer a draft: change it with amend",
                                (unsigned long long)a->id);
    } else {
        taken = take_draft(call, a, NULL, version);
    }
    fc_status_t st = taken ? taken : reg_agreement_check(call, a, "agreement");
    if (st)
        return st;
    bool create = a->id == 0;
    if (create && (st = reg_new_id(call, DB_AGREEMENTS, &a->id)))
        return st;
    a->status = FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_DRAFT;
    a->version = version;
    return reg_agreement_commit(call, a, create ? "agreement.created" : "agreement.updated");
}

REGISTRY_HANDLER(reg_get_agreement)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    fc_status_t st = reg_load(call, DB_AGREEMENTS, req->get_agreement->id,
                              &fcavtal__v1__agreement__descriptor,
                              (ProtobufCMessage **)&rep->agreement);
    if (!st) {
        rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT;
        reg_agreement_fill_current_end(call, rep->agreement);
    }
    return st;
}

static Fcavtal__V1__Organisation *load_org(fc_call_t *call, uint64_t id)
{
    return (Fcavtal__V1__Organisation *)reg_find(call, DB_ORGANISATIONS, id,
                                                 &fcavtal__v1__organisation__descriptor);
}

/* A party matches a municipality or region filter when it is that
 * organisation or (for region) belongs to it. */
static bool party_matches(fc_call_t *call, const Agreement *a, uint64_t org_id, uint64_t region_id)
{
    for (size_t i = 0; i < a->n_parties; i++) {
        uint64_t id = a->parties[i]->organisation_id;
        if (org_id && id == org_id)
            return true;
        if (region_id) {
            Fcavtal__V1__Organisation *org = load_org(call, id);
            bool hit = org && (org->id == region_id || org->region_id == region_id);
            if (org)
                fcavtal__v1__organisation__free_unpacked(org, NULL);
            if (hit)
                return true;
        }
    }
    return false;
}

static bool keep_agreement(fc_call_t *call, const ProtobufCMessage *record, const void *filter)
{
    const Agreement *a = (const Agreement *)record;
    const Fcavtal__V1__ListAgreements *f = filter;
    return (!f->kind || a->kind == f->kind) && (!f->status || a->status == f->status)
           && (!f->centre_id || a->centre_id == f->centre_id)
           && (!f->organisation_id || party_matches(call, a, f->organisation_id, 0))
           && (!f->municipality_id || party_matches(call, a, f->municipality_id, 0))
           && (!f->region_id || party_matches(call, a, 0, f->region_id));
}

REGISTRY_HANDLER(reg_list_agreements)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    rep->agreements = malloc(sizeof *rep->agreements);
    if (!rep->agreements)
        return REG_FAIL_OOM(call);
    fcavtal__v1__agreement_list__init(rep->agreements);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENTS;
    fc_status_t st = reg_list(call, DB_AGREEMENTS, &fcavtal__v1__agreement__descriptor,
                              keep_agreement, req->list_agreements, &rep->agreements->n_items,
                              &rep->agreements->items);
    for (size_t i = 0; !st && i < rep->agreements->n_items; i++)
        reg_agreement_fill_current_end(call, rep->agreements->items[i]);
    return st;
}

REGISTRY_HANDLER(reg_agreement_history)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    uint64_t id = req->agreement_history->id;
    if (!reg_exists(call, DB_AGREEMENTS, id))
        return fc_call_fail(call, FC_NOT_FOUND, "no agreement with id %llu", (unsigned long long)id);
    Fcavtal__V1__AgreementHistory *h = malloc(sizeof *h);
    if (!h)
        return REG_FAIL_OOM(call);
    fcavtal__v1__agreement_history__init(h);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_HISTORY;
    rep->history = h;
    MDB_cursor *cur;
    if (mdb_cursor_open(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_AGREEMENT_VERSIONS), &cur))
        return fc_call_fail(call, FC_INTERNAL, "cannot read the history");
    uint8_t prefix[8];
    fc_key_put_u64(prefix, id);
    MDB_val k = { sizeof prefix, prefix }, v;
    fc_status_t st = FC_OK;
    for (int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
         !rc && k.mv_size == 12 && memcmp(k.mv_data, prefix, 8) == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        ProtobufCMessage *version = protobuf_c_message_unpack(&fcavtal__v1__agreement__descriptor,
                                                              NULL, v.mv_size, v.mv_data);
        if (!version || reg_append(&h->n_versions, &h->versions, version)) {
            if (version)
                protobuf_c_message_free_unpacked(version, NULL);
            st = fc_call_fail(call, FC_DATA_LOSS, "a stored version does not decode");
            break;
        }
    }
    mdb_cursor_close(cur);
    return st;
}
