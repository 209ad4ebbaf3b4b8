/* Operations: the base operations (BHV, MHV, OFS, SOC) and other actors,
 * each run by an organisation. */
#include "operation.h"

#include <stdio.h>
#include <stdlib.h>

#include "fcavtal/pb.h"
#include "query.h"
#include "records.h"

typedef Fcavtal__V1__Operation Op;

fc_status_t reg_op_save(fc_call_t *call, Op *op, const char *path)
{
    char f[256];
    if (!op->name || !*op->name) {
        snprintf(f, sizeof f, "%s.name", path);
        fc_call_violation(call, f, "an operation needs a name");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "invalid operation");
    }
    if (op->kind == FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_UNSPECIFIED
        || op->kind > FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_OTHER) {
        snprintf(f, sizeof f, "%s.kind", path);
        fc_call_violation(call, f, "kind must be BHV, MHV, OFS, SOC or OTHER");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "invalid operation");
    }
    snprintf(f, sizeof f, "%s.organisation_id", path);
    ProtobufCMessage *org = NULL;
    fc_status_t st = reg_ref(call, REC_ORGANISATION, op->organisation_id, f, &org);
    if (org)
        protobuf_c_message_free_unpacked(org, NULL);
    if (st)
        return st;
    bool create = op->id == 0, exists = false;
    if (create)
        st = fc_record_new_id(call, REC_OPERATION, &op->id);
    else if (!(st = fc_record_exists(call, REC_OPERATION, op->id, &exists)) && !exists)
        st = fc_call_fail(call, FC_NOT_FOUND, "no operation with id %llu",
                          (unsigned long long)op->id);
    if (!st)
        st = fc_record_put(call, REC_OPERATION, &op->base);
    if (!st)
        st = fc_call_emit(call, REC_OPERATION, create ? "created" : "updated", &op->base);
    return st;
}

fc_status_t reg_put_operation(fc_call_t *call, const Fcavtal__V1__PutOperation *body, Rep *rep)
{
    if (!body->operation)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_operation needs an operation");
    Op *op = (Op *)fc_pb_clone(&body->operation->base);
    if (!op)
        return REG_FAIL_OOM(call);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION;
    rep->operation = op;
    return reg_op_save(call, op, "operation");
}

fc_status_t reg_get_operation(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep)
{
    (void)rep;   /* the body is the stored record, added as the reply is packed */
    return fc_record_reply(call, REC_OPERATION, body->id, FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION);
}

static fc_status_t keep_op(fc_call_t *call, const ProtobufCMessage *record, const void *filter,
                           bool *keep)
{
    (void)call;
    const Op *op = (const Op *)record;
    const Fcavtal__V1__ListOperations *f = filter;
    *keep = (!f->organisation_id || op->organisation_id == f->organisation_id)
            && (!f->kind || op->kind == f->kind);
    return FC_OK;
}

fc_status_t reg_list_operations(fc_call_t *call, const Fcavtal__V1__ListOperations *body, Rep *rep)
{
    Fcavtal__V1__OperationList *list = malloc(sizeof *list);
    if (!list)
        return REG_FAIL_OOM(call);
    fcavtal__v1__operation_list__init(list);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATIONS;
    rep->operations = list;
    reg_query_t q = { .type = REC_OPERATION, .keep = keep_op, .filter = body,
                      .after_id = body->after_id, .limit = body->limit };
    if (body->organisation_id) {
        q.all[0].index = IX_OP_ORGANISATION;
        fc_index_key_u64(&q.all[q.n_all++].key, body->organisation_id);
    }
    return reg_query_page(call, &q, &list->n_items, &list->items, &list->next_after_id);
}
