/* Agreements: validation, storage with full version history, queries. */
#include "agreement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "fcavtal/store.h"
#include "query.h"
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
    fc_status_t st = reg_require(call, REC_ORGANISATION, p->organisation_id, f);
    if (st || !p->operation_id)
        return st;
    Fcavtal__V1__Operation *op = NULL;
    snprintf(f, sizeof f, "%s.operation_id", path);
    st = reg_ref(call, REC_OPERATION, p->operation_id, f, (ProtobufCMessage **)&op);
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
    fc_status_t st = reg_ref(call, REC_CENTRE, a->centre_id, f,
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
    fc_status_t st = reg_ref(call, REC_AGREEMENT, a->framework_id, f, (ProtobufCMessage **)&fw);
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

/* Bounds on repeated fields (docs/protocol.md, "Limits"); the party index
 * holds one key per party organisation, so more parties than it holds
 * would leave an agreement out of a filtered list. */
static fc_status_t check_counts(fc_call_t *call, const Agreement *a, const char *path)
{
    fc_status_t st = reg_check_count(call, path, "parties", a->n_parties, REG_MAX_PARTIES);
    if (!st)
        st = reg_check_count(call, path, "signatures", a->n_signatures, REG_MAX_SIGNATURES);
    if (!st)
        st = reg_check_count(call, path, "documents", a->n_documents, REG_MAX_DOCUMENTS);
    if (!st)
        st = reg_check_count(call, path, "contacts", a->n_contacts, REG_MAX_PEOPLE);
    if (!st)
        st = reg_check_count(call, path, "approved_by", a->n_approved_by, REG_MAX_PARTIES);
    if (!st && a->use_right)
        st = reg_check_count(call, path, "use_right.shares", a->use_right->n_shares, REG_MAX_DOCUMENTS);
    return st;
}

fc_status_t reg_agreement_check(fc_call_t *call, Agreement *a, const char *path)
{
    fc_status_t limits = check_counts(call, a, path);
    if (limits)
        return limits;
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
fc_status_t reg_agreement_commit(fc_call_t *call, Agreement *a, const char *verb)
{
    reg_agreement_drop_current_end(a);
    fc_status_t st = fc_record_put(call, REC_AGREEMENT, &a->base);
    if (!st)
        st = put_version(call, a);
    if (!st)
        st = fc_call_emit(call, REC_AGREEMENT, verb, &a->base);
    if (!st)
        reg_agreement_fill_current_end(call, a);
    return st;
}

fc_status_t reg_agreement_for_change(fc_call_t *call, Rep *rep, uint64_t id, Agreement **out)
{
    fc_status_t st = fc_record_load(call, REC_AGREEMENT, id, (ProtobufCMessage **)out);
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
fc_status_t reg_put_agreement(fc_call_t *call, const Fcavtal__V1__PutAgreement *body, Rep *rep)
{
    if (!body->agreement)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_agreement needs an agreement");
    Agreement *a = (Agreement *)fc_pb_clone(&body->agreement->base);
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
        fc_status_t st = fc_record_load(call, REC_AGREEMENT, a->id, (ProtobufCMessage **)&old);
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
    if (create && (st = fc_record_new_id(call, REC_AGREEMENT, &a->id)))
        return st;
    a->status = FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_DRAFT;
    a->version = version;
    return reg_agreement_commit(call, a, create ? "created" : "updated");
}

fc_status_t reg_get_agreement(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep)
{
    fc_status_t st = fc_record_load(call, REC_AGREEMENT, body->id, (ProtobufCMessage **)&rep->agreement);
    if (!st) {
        rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENT;
        reg_agreement_fill_current_end(call, rep->agreement);
    }
    return st;
}

/* Whether an organisation party is `org_id`, or (region_id) is that region
 * or belongs to it. */
static fc_status_t party_in(fc_call_t *call, const Agreement *a, uint64_t org_id,
                            uint64_t region_id, bool *hit)
{
    *hit = false;
    for (size_t i = 0; i < a->n_parties && !*hit; i++) {
        uint64_t id = a->parties[i]->organisation_id, region = 0;
        *hit = org_id ? id == org_id : id == region_id;
        if (*hit || !region_id)
            continue;
        fc_status_t st = reg_region_of(call, id, &region);
        if (st)
            return st;
        *hit = region == region_id;
    }
    return FC_OK;
}

static fc_status_t keep_agreement(fc_call_t *call, const ProtobufCMessage *record,
                                  const void *filter, bool *keep)
{
    const Agreement *a = (const Agreement *)record;
    const Fcavtal__V1__ListAgreements *f = filter;
    *keep = (!f->kind || a->kind == f->kind) && (!f->status || a->status == f->status)
            && (!f->centre_id || a->centre_id == f->centre_id);
    fc_status_t st = FC_OK;
    if (*keep && f->organisation_id)
        st = party_in(call, a, f->organisation_id, 0, keep);
    if (!st && *keep && f->municipality_id)
        st = party_in(call, a, f->municipality_id, 0, keep);
    if (!st && *keep && f->region_id)
        st = party_in(call, a, 0, f->region_id, keep);
    return st;
}

static void add_u64(reg_query_t *q, size_t index, uint64_t value)
{
    q->all[q->n_all].index = index;
    fc_index_key_u64(&q->all[q->n_all++].key, value);
}

static void add_u32(reg_query_t *q, size_t index, uint32_t value)
{
    q->all[q->n_all].index = index;
    fc_index_key_u32(&q->all[q->n_all++].key, value);
}

fc_status_t reg_list_agreements(fc_call_t *call, const Fcavtal__V1__ListAgreements *body, Rep *rep)
{
    Fcavtal__V1__AgreementList *list = malloc(sizeof *list);
    if (!list)
        return REG_FAIL_OOM(call);
    fcavtal__v1__agreement_list__init(list);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AGREEMENTS;
    rep->agreements = list;
    reg_query_t q = { .type = REC_AGREEMENT, .keep = keep_agreement, .filter = body,
                      .after_id = body->after_id, .limit = body->limit };
    if (body->centre_id)
        add_u64(&q, IX_AGREEMENT_CENTRE, body->centre_id);
    if (body->organisation_id)
        add_u64(&q, IX_AGREEMENT_PARTY, body->organisation_id);
    if (body->municipality_id)
        add_u64(&q, IX_AGREEMENT_PARTY, body->municipality_id);
    if (body->status)
        add_u32(&q, IX_AGREEMENT_STATUS, (uint32_t)body->status);
    if (body->kind)
        add_u32(&q, IX_AGREEMENT_KIND, (uint32_t)body->kind);
    fc_status_t st = FC_OK;
    if (body->region_id && q.n_all == 0)
        st = reg_query_region(call, &q, IX_AGREEMENT_PARTY, body->region_id);
    if (!st)
        st = reg_query_page(call, &q, &list->n_items, &list->items, &list->next_after_id);
    free(q.any);
    for (size_t i = 0; !st && i < list->n_items; i++)
        reg_agreement_fill_current_end(call, list->items[i]);
    return st;
}

fc_status_t reg_agreement_history(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep)
{
    uint64_t id = body->id;
    bool exists;
    fc_status_t st = fc_record_exists(call, REC_AGREEMENT, id, &exists);
    if (st || !exists)
        return fc_call_fail(call, st ? st : FC_NOT_FOUND, "%s agreement with id %llu",
                            st ? "cannot read the" : "no", (unsigned long long)id);
    Fcavtal__V1__AgreementHistory *h = malloc(sizeof *h);
    if (!h)
        return REG_FAIL_OOM(call);
    fcavtal__v1__agreement_history__init(h);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_HISTORY;
    rep->history = h;
    MDB_cursor *cur;
    int crc = mdb_cursor_open(fc_call_txn(call), fc_store_dbi(fc_call_store(call), DB_AGREEMENT_VERSIONS), &cur);
    if (crc)
        return fc_call_fail(call, fc_status_from_mdb(crc), "cannot read the history");
    uint8_t prefix[8];
    fc_key_put_u64(prefix, id);
    MDB_val k = { sizeof prefix, prefix }, v;
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
