/* The audit trail and resync: every change is an event kept under its
 * sequence number; a snapshot is the whole state as of one sequence number. */
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "agreement.h"
#include "records.h"

#define AUDIT_DEFAULT_LIMIT 100
#define AUDIT_MAX_LIMIT 10000

typedef Fcavtal__V1__RegistryEvent Event;

static bool event_matches(const Event *ev, const Fcavtal__V1__AuditQuery *q)
{
    static const struct { const char *name; Fcavtal__V1__RegistryEvent__EntityCase which; } kinds[] = {
        { "organisation", FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION },
        { "operation", FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION },
        { "centre", FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE },
        { "agreement", FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT },
    };
    if (*q->entity) {
        bool hit = false;
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            hit |= strcmp(q->entity, kinds[i].name) == 0 && ev->entity_case == kinds[i].which;
        if (!hit)
            return false;
    }
    if (!q->id)
        return true;
    uint64_t id = ev->organisation ? ev->organisation->id
                  : ev->operation ? ev->operation->id
                  : ev->centre ? ev->centre->id
                  : ev->agreement ? ev->agreement->id : 0;
    return id == q->id;
}

REGISTRY_HANDLER(reg_audit)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    const Fcavtal__V1__AuditQuery *q = req->audit;
    if (*q->entity && strcmp(q->entity, "organisation") && strcmp(q->entity, "operation")
        && strcmp(q->entity, "centre") && strcmp(q->entity, "agreement")) {
        fc_call_violation(call, "audit.entity", "organisation, operation, centre or agreement");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "unknown entity '%s'", q->entity);
    }
    size_t limit = q->limit ? (q->limit > AUDIT_MAX_LIMIT ? AUDIT_MAX_LIMIT : q->limit)
                            : AUDIT_DEFAULT_LIMIT;
    rep->audit = malloc(sizeof *rep->audit);
    if (!rep->audit)
        return REG_FAIL_OOM(call);
    fcavtal__v1__audit_log__init(rep->audit);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_AUDIT;
    MDB_cursor *cur;
    if (mdb_cursor_open(fc_call_txn(call), fc_call_events_dbi(call), &cur))
        return fc_call_fail(call, FC_INTERNAL, "cannot read the audit trail");
    uint8_t start[8];
    fc_key_put_u64(start, q->after_seq + 1);
    MDB_val k = { sizeof start, start }, v;
    fc_status_t st = FC_OK;
    for (int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
         !rc && rep->audit->n_events < limit; rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        Event *ev = fcavtal__v1__registry_event__unpack(NULL, v.mv_size, v.mv_data);
        if (!ev) {
            st = fc_call_fail(call, FC_DATA_LOSS, "a stored event does not decode");
            break;
        }
        if (!event_matches(ev, q) || reg_append(&rep->audit->n_events, &rep->audit->events, ev))
            fcavtal__v1__registry_event__free_unpacked(ev, NULL);
    }
    mdb_cursor_close(cur);
    return st;
}

static bool keep_all(fc_call_t *call, const ProtobufCMessage *record, const void *filter)
{
    (void)call, (void)record, (void)filter;
    return true;
}

/* One read transaction: the records and the sequence number agree. */
REGISTRY_HANDLER(reg_snapshot)
{
    (void)request;
    Rep *rep = (Rep *)reply;
    Fcavtal__V1__Snapshot *s = malloc(sizeof *s);
    if (!s)
        return REG_FAIL_OOM(call);
    fcavtal__v1__snapshot__init(s);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_SNAPSHOT;
    rep->snapshot = s;
    fc_status_t st = fc_call_seq(call, &s->seq);
    if (!st)
        st = reg_list(call, DB_ORGANISATIONS, &fcavtal__v1__organisation__descriptor, keep_all,
                      NULL, &s->n_organisations, &s->organisations);
    if (!st)
        st = reg_list(call, DB_OPERATIONS, &fcavtal__v1__operation__descriptor, keep_all, NULL,
                      &s->n_operations, &s->operations);
    if (!st)
        st = reg_list(call, DB_CENTRES, &fcavtal__v1__centre__descriptor, keep_all, NULL,
                      &s->n_centres, &s->centres);
    if (!st)
        st = reg_list(call, DB_AGREEMENTS, &fcavtal__v1__agreement__descriptor, keep_all, NULL,
                      &s->n_agreements, &s->agreements);
    for (size_t i = 0; !st && i < s->n_agreements; i++)
        reg_agreement_fill_current_end(call, s->agreements[i]);
    return st;
}

REGISTRY_HANDLER(reg_today)
{
    (void)request;
    Rep *rep = (Rep *)reply;
    rep->today = fc_pb_date_new(fc_call_today(call));
    if (!rep->today)
        return REG_FAIL_OOM(call);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_TODAY;
    return FC_OK;
}
