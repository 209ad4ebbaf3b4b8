/* The registry service: shared declarations of its handlers. */
#ifndef FC_REGISTRY_H
#define FC_REGISTRY_H

#include "fcavtal/server.h"
#include "fcavtal/v1/registry.pb-c.h"

/* The registry's databases, in fc_service_def_t.dbi_names order. */
enum {
    DB_ORGANISATIONS,       /* id -> Organisation */
    DB_ORG_NUMBERS,         /* "NNNNNN-NNNN" -> id */
    DB_OPERATIONS,          /* id -> Operation */
    DB_CENTRES,             /* id -> Centre */
    DB_AGREEMENTS,          /* id -> Agreement (current version) */
    DB_AGREEMENT_VERSIONS,  /* id | version -> Agreement, never overwritten */
    DB_COUNT
};

#define REGISTRY_SCHEMA_VERSION 1

extern const fc_service_def_t fc_registry_service;

typedef Fcavtal__V1__RegistryRequest Req;
typedef Fcavtal__V1__RegistryReply Rep;

/* Handler signature, typed for the registry. */
#define REGISTRY_HANDLER(name) \
    fc_status_t name(fc_call_t *call, const ProtobufCMessage *request, ProtobufCMessage *reply)

REGISTRY_HANDLER(reg_put_organisation);
REGISTRY_HANDLER(reg_get_organisation);
REGISTRY_HANDLER(reg_list_organisations);
REGISTRY_HANDLER(reg_put_operation);
REGISTRY_HANDLER(reg_get_operation);
REGISTRY_HANDLER(reg_list_operations);
REGISTRY_HANDLER(reg_put_centre);
REGISTRY_HANDLER(reg_get_centre);
REGISTRY_HANDLER(reg_list_centres);
REGISTRY_HANDLER(reg_centre_as_of);
REGISTRY_HANDLER(reg_put_agreement);
REGISTRY_HANDLER(reg_get_agreement);
REGISTRY_HANDLER(reg_list_agreements);
REGISTRY_HANDLER(reg_agreement_history);
REGISTRY_HANDLER(reg_send_for_signature);
REGISTRY_HANDLER(reg_withdraw);
REGISTRY_HANDLER(reg_sign);
REGISTRY_HANDLER(reg_amend);
REGISTRY_HANDLER(reg_record_notice);
REGISTRY_HANDLER(reg_terminate);
REGISTRY_HANDLER(reg_expire);
REGISTRY_HANDLER(reg_audit);
REGISTRY_HANDLER(reg_snapshot);
REGISTRY_HANDLER(reg_import);
REGISTRY_HANDLER(reg_today);

#endif
