/* Loading a whole data set in one request and one transaction: every record
 * is validated as its own put would be; the first error aborts everything. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "agreement.h"
#include "centre.h"
#include "fcavtal/orgnr.h"
#include "fcavtal/pb.h"
#include "operation.h"
#include "organisation.h"
#include "records.h"

typedef Fcavtal__V1__ImportBatch Batch;
typedef Fcavtal__V1__ImportResult Result;

/* Batch-local reference -> registry id; 0 stays "none". */
static fc_status_t remap(fc_call_t *call, uint64_t *ref, const uint64_t *ids, size_t n,
                         const char *what, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static fc_status_t remap(fc_call_t *call, uint64_t *ref, const uint64_t *ids, size_t n,
                         const char *what, const char *fmt, ...)
{
    if (*ref == 0)
        return FC_OK;
    if (*ref <= n && ids[*ref - 1]) {
        *ref = ids[*ref - 1];
        return FC_OK;
    }
    char field[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(field, sizeof field, fmt, ap);
    va_end(ap);
    fc_call_violation(call, field, "no %s #%llu in this batch", what, (unsigned long long)*ref);
    return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: no %s #%llu in this batch", field, what,
                        (unsigned long long)*ref);
}

static fc_status_t import_org(fc_call_t *call, Batch *b, size_t i, Result *r)
{
    Fcavtal__V1__Organisation *org = b->organisations[i];
    char path[64], normal[FC_ORGNR_STRLEN];
    snprintf(path, sizeof path, "organisations[%zu]", i);
    fc_status_t st = remap(call, &org->region_id, r->organisation_ids, b->n_organisations,
                           "organisation", "%s.region_id", path);
    if (st)
        return st;
    uint64_t existing = 0;
    if (org->org_number && fc_orgnr_normalise(org->org_number->value, normal) == FC_ORGNR_OK
        && (st = reg_org_by_number(call, normal, &existing)))
        return fc_call_fail(call, st, "%s: cannot look up the org number", path);
    if (existing) {
        r->organisation_ids[i] = existing;
        r->organisations_reused++;
        return FC_OK;
    }
    org->id = 0;
    if (!org->org_number) {
        fc_call_violation(call, path, "an organisation needs its org number");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "%s: no org number", path);
    }
    if ((st = reg_org_save(call, org, path)))
        return st;
    r->organisation_ids[i] = org->id;
    r->organisations_created++;
    return FC_OK;
}

/* Regions first, so that municipalities may name them wherever they stand. */
static fc_status_t import_orgs(fc_call_t *call, Batch *b, Result *r)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < b->n_organisations; i++) {
            bool region = b->organisations[i]->region_id == 0;
            if (region != (pass == 0))
                continue;
            fc_status_t st = import_org(call, b, i, r);
            if (st)
                return st;
        }
    return FC_OK;
}

static fc_status_t import_ops(fc_call_t *call, Batch *b, Result *r)
{
    for (size_t i = 0; i < b->n_operations; i++) {
        Fcavtal__V1__Operation *op = b->operations[i];
        char path[64];
        snprintf(path, sizeof path, "operations[%zu]", i);
        fc_status_t st = remap(call, &op->organisation_id, r->organisation_ids,
                               b->n_organisations, "organisation", "%s.organisation_id", path);
        op->id = 0;
        if (!st)
            st = reg_op_save(call, op, path);
        if (st)
            return st;
        r->operation_ids[i] = op->id;
    }
    r->operations = (uint32_t)b->n_operations;
    return FC_OK;
}

static fc_status_t remap_centre(fc_call_t *call, Fcavtal__V1__Centre *c, Batch *b, Result *r,
                                const char *path)
{
    const uint64_t *ops = r->operation_ids;
    size_t n_ops = b->n_operations;
    fc_status_t st = remap(call, &c->municipality_id, r->organisation_ids, b->n_organisations,
                           "organisation", "%s.municipality_id", path);
    if (!st)
        st = remap(call, &c->framework_id, r->agreement_ids, b->n_agreements, "agreement",
                   "%s.framework_id", path);
    for (size_t i = 0; !st && i < c->n_participations; i++)
        st = remap(call, &c->participations[i]->operation_id, ops, n_ops, "operation",
                   "%s.participations[%zu].operation_id", path, i);
    if (!st && c->coordinator)
        st = remap(call, &c->coordinator->employing_operation_id, ops, n_ops, "operation",
                   "%s.coordinator.employing_operation_id", path);
    for (size_t i = 0; !st && i < c->n_steering_group; i++)
        st = remap(call, &c->steering_group[i]->operation_id, ops, n_ops, "operation",
                   "%s.steering_group[%zu].operation_id", path, i);
    for (size_t i = 0; !st && i < c->n_staff; i++)
        st = remap(call, &c->staff[i]->operation_id, ops, n_ops, "operation",
                   "%s.staff[%zu].operation_id", path, i);
    return st;
}

static fc_status_t import_centres(fc_call_t *call, Batch *b, Result *r)
{
    for (size_t i = 0; i < b->n_centres; i++) {
        Fcavtal__V1__Centre *c = b->centres[i];
        char path[64];
        snprintf(path, sizeof path, "centres[%zu]", i);
        c->id = 0;
        fc_status_t st = remap_centre(call, c, b, r, path);
        if (!st)
            st = reg_centre_save(call, c, path);
        if (st)
            return st;
        r->centre_ids[i] = c->id;
    }
    r->centres = (uint32_t)b->n_centres;
    return FC_OK;
}

static fc_status_t remap_agreement(fc_call_t *call, Agreement *a, Batch *b, Result *r,
                                   const char *path)
{
    const uint64_t *orgs = r->organisation_ids, *ops = r->operation_ids;
    size_t n_orgs = b->n_organisations, n_ops = b->n_operations;
    fc_status_t st = remap(call, &a->framework_id, r->agreement_ids, b->n_agreements, "agreement",
                           "%s.framework_id", path);
    if (!st)
        st = remap(call, &a->centre_id, r->centre_ids, b->n_centres, "centre", "%s.centre_id", path);
    for (size_t i = 0; !st && i < a->n_parties; i++) {
        st = remap(call, &a->parties[i]->organisation_id, orgs, n_orgs, "organisation",
                   "%s.parties[%zu].organisation_id", path, i);
        if (!st)
            st = remap(call, &a->parties[i]->operation_id, ops, n_ops, "operation",
                       "%s.parties[%zu].operation_id", path, i);
    }
    for (size_t i = 0; !st && i < a->n_signatures; i++) {
        st = remap(call, &a->signatures[i]->organisation_id, orgs, n_orgs, "organisation",
                   "%s.signatures[%zu].organisation_id", path, i);
        if (!st)
            st = remap(call, &a->signatures[i]->operation_id, ops, n_ops, "operation",
                       "%s.signatures[%zu].operation_id", path, i);
    }
    if (!st && a->notice)
        st = remap(call, &a->notice->from_organisation_id, orgs, n_orgs, "organisation",
                   "%s.notice.from_organisation_id", path);
    for (size_t i = 0; !st && a->use_right && i < a->use_right->n_shares; i++)
        st = remap(call, &a->use_right->shares[i]->operation_id, ops, n_ops, "operation",
                   "%s.use_right.shares[%zu].operation_id", path, i);
    return st;
}

static fc_status_t import_agreement(fc_call_t *call, Batch *b, size_t i, Result *r)
{
    Agreement *a = b->agreements[i];
    char path[64];
    snprintf(path, sizeof path, "agreements[%zu]", i);
    fc_status_t st = remap_agreement(call, a, b, r, path);
    if (!st)
        st = reg_agreement_check(call, a, path);
    if (!st)
        st = reg_agreement_derive_status(call, a, path);
    if (!st)
        st = fc_record_new_id(call, REC_AGREEMENT, &a->id);
    if (st)
        return st;
    a->version = 1;
    if (!*a->change_note && fc_pb_set_string(&a->change_note, "imported"))
        return REG_FAIL_OOM(call);
    if ((st = reg_agreement_commit(call, a, "created")))
        return st;
    r->agreement_ids[i] = a->id;
    r->agreements++;
    return FC_OK;
}

/* Frameworks before centres (centres name their framework), the rest after. */
static fc_status_t import_agreements(fc_call_t *call, Batch *b, Result *r, bool frameworks)
{
    for (size_t i = 0; i < b->n_agreements; i++) {
        bool fw = b->agreements[i]->kind == FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_FRAMEWORK;
        if (fw != frameworks)
            continue;
        fc_status_t st = import_agreement(call, b, i, r);
        if (st)
            return st;
    }
    return FC_OK;
}

static int alloc_ids(uint64_t **ids, size_t *n_ids, size_t n)
{
    *ids = calloc(n + 1, sizeof **ids);
    *n_ids = n;
    return *ids ? 0 : -1;
}

fc_status_t reg_import(fc_call_t *call, const Fcavtal__V1__ImportBatch *body, Rep *rep)
{
    Batch *b = (Batch *)fc_pb_clone(&body->base);
    Result *r = malloc(sizeof *r);
    if (r)
        fcavtal__v1__import_result__init(r);
    rep->imported = r;
    rep->body_case = r ? FCAVTAL__V1__REGISTRY_REPLY__BODY_IMPORTED : 0;
    fc_status_t st = FC_OK;
    if (!b || !r || alloc_ids(&r->organisation_ids, &r->n_organisation_ids, b->n_organisations)
        || alloc_ids(&r->operation_ids, &r->n_operation_ids, b->n_operations)
        || alloc_ids(&r->centre_ids, &r->n_centre_ids, b->n_centres)
        || alloc_ids(&r->agreement_ids, &r->n_agreement_ids, b->n_agreements))
        st = REG_FAIL_OOM(call);
    if (!st)
        st = import_orgs(call, b, r);
    if (!st)
        st = import_ops(call, b, r);
    if (!st)
        st = import_agreements(call, b, r, true);
    if (!st)
        st = import_centres(call, b, r);
    if (!st)
        st = import_agreements(call, b, r, false);
    if (b)
        fcavtal__v1__import_batch__free_unpacked(b, NULL);
    return st;
}
