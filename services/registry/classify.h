/* Family-centre classification (VG §8.2-8.4, Bilaga 3, national guidance). */
#ifndef FC_REGISTRY_CLASSIFY_H
#define FC_REGISTRY_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include "fcavtal/date.h"
#include "fcavtal/v1/registry.pb-c.h"

/* One operation taking part in the centre on the classification date. */
typedef struct {
    Fcavtal__V1__OperationKind kind;
    bool co_located;
    bool municipal;   /* run by an organisation of kind MUNICIPALITY */
} fc_member_t;

/* Classifies a centre from the operations taking part on `as_of`.
 * RULE_SET_VG and RULE_SET_OREBRO apply the framework definitions,
 * RULE_SET_NATIONAL the looser national one (BHV plus at least one municipal
 * operation), RULE_SET_UNSPECIFIED is treated as NATIONAL.
 * Returns a heap message whose every part is malloc-owned (free it with
 * fcavtal__v1__classification__free_unpacked(c, NULL)); NULL only when out
 * of memory. Every rule evaluated appears in checks with passed and a reason. */
Fcavtal__V1__Classification *fc_classify(const fc_member_t *members, size_t n_members,
                                         bool prioritised_area,
                                         Fcavtal__V1__RuleSet rule_set, fc_date_t as_of);

#endif
