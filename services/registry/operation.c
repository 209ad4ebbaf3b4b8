/* Operations: the base operations (BHV, MHV, OFS, SOC) and other actors,
 * each run by an organisation. */
#include "operation.h"

#include <stdio.h>
#include <stdlib.h>

#include "fcavtal/pb.h"
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
    fc_status_t st = reg_ref(call, DB_ORGANISATIONS, op->organisation_id,
                             &fcavtal__v1__organisation__descriptor, f, &org);
    if (org)
        protobuf_c_message_free_unpacked(org, NULL);
    if (st)
        return st;
    bool create = op->id == 0;
    if (create)
        st = reg_new_id(call, DB_OPERATIONS, &op->id);
    else if (!reg_exists(call, DB_OPERATIONS, op->id))
        st = fc_call_fail(call, FC_NOT_FOUND, "no operation with id %llu",
                          (unsigned long long)op->id);
    if (!st)
        st = reg_store(call, DB_OPERATIONS, op->id, &op->base);
    if (!st)
        st = reg_emit(call, create ? "operation.created" : "operation.updated", &op->base);
    return st;
}

REGISTRY_HANDLER(reg_put_operation)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    if (!req->put_operation->operation)
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "put_operation needs an operation");
    Op *op = (Op *)fc_pb_clone(&req->put_operation->operation->base);
    if (!op)
        return REG_FAIL_OOM(call);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION;
    rep->operation = op;
    return reg_op_save(call, op, "operation");
}

REGISTRY_HANDLER(reg_get_operation)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    fc_status_t st = reg_load(call, DB_OPERATIONS, req->get_operation->id,
                              &fcavtal__v1__operation__descriptor,
                              (ProtobufCMessage **)&rep->operation);
    if (!st)
        rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATION;
    return st;
}

static bool keep_op(fc_call_t *call, const ProtobufCMessage *record, const void *filter)
{
    (void)call;
    const Op *op = (const Op *)record;
    const Fcavtal__V1__ListOperations *f = filter;
    return (!f->organisation_id || op->organisation_id == f->organisation_id)
           && (!f->kind || op->kind == f->kind);
}

REGISTRY_HANDLER(reg_list_operations)
{
    const Req *req = (const Req *)request;
    Rep *rep = (Rep *)reply;
    rep->operations = malloc(sizeof *rep->operations);
    if (!rep->operations)
        return REG_FAIL_OOM(call);
    fcavtal__v1__operation_list__init(rep->operations);
    rep->body_case = FCAVTAL__V1__REGISTRY_REPLY__BODY_OPERATIONS;
    return reg_list(call, DB_OPERATIONS, &fcavtal__v1__operation__descriptor, keep_op,
                    req->list_operations, &rep->operations->n_items, &rep->operations->items);
}
