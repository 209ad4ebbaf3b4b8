/* Reading the read model of the registry (follow.c keeps it): a centre's
 * framework and its rule set, its agreements, who takes part, and the
 * registry's enums in the engine's terms. */
#ifndef CST_MODEL_H
#define CST_MODEL_H

#include <stdbool.h>

#include "costs_service.h"
#include "fcavtal/costs/model.h"

typedef Fcavtal__V1__ModelCentre cst__centre_pb_t;
typedef Fcavtal__V1__ModelOperation cst__op_pb_t;
typedef Fcavtal__V1__ModelOrganisation cst__org_pb_t;
typedef Fcavtal__V1__ModelAgreement cst__agreement_pb_t;

/* The centre, with a reply message naming the follower's position when it
 * is not (yet) known. The caller frees *out. */
fc_status_t cst__model_centre(fc_call_t *call, uint64_t id, cst__centre_pb_t **out);

/* The framework agreement whose rule set applies to the centre: the one the
 * centre names, else the one its local agreement hangs under. *out NULL
 * when there is none. */
fc_status_t cst__model_framework(fc_call_t *call, const cst__centre_pb_t *c,
                                 cst__agreement_pb_t **out);

/* The centre's agreements (local and use-right), in id order; the caller
 * frees each and the array. */
fc_status_t cst__model_agreements(fc_call_t *call, uint64_t centre_id,
                                  cst__agreement_pb_t ***out, size_t *n);
void cst__model_agreements_free(cst__agreement_pb_t **list, size_t n);

/* Signed, and so in force for its term (draft and out-for-signature
 * agreements bind nobody yet). */
bool cst__model_in_force(const cst__agreement_pb_t *a);
/* The operation takes part in the centre on some day. */
bool cst__model_takes_part(const cst__centre_pb_t *c, uint64_t operation_id);
/* Some operation takes part on some day of the span: the registry has a
 * composition for it. */
bool cst__model_composed(const cst__centre_pb_t *c, fc_date_t from, fc_date_t to);

cst_op_kind_t cst__model_op_kind(Fcavtal__V1__OperationKind k);
cst_org_kind_t cst__model_org_kind(Fcavtal__V1__OrgKind k);
cst_rule_set_t cst__model_rule_set(Fcavtal__V1__RuleSet r);
Fcavtal__V1__RuleSet cst__model_rule_set_pb(cst_rule_set_t r);

/* "follower at registry event N of M" for messages about data not there. */
void cst__model_position(fc_call_t *call, char *out, size_t size);

#endif
