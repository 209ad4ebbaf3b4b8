/* The registry's dispatch table, indexed by RegistryRequest's body case
 * (protobuf-c makes the case equal to the field number). */
#include "registry.h"

#define BODY(name) FCAVTAL__V1__REGISTRY_REQUEST__BODY_##name

static const fc_route_t ROUTES[] = {
    [BODY(PUT_ORGANISATION)] = { reg_put_organisation, FC_WRITE, "put_organisation" },
    [BODY(GET_ORGANISATION)] = { reg_get_organisation, FC_READ, "get_organisation" },
    [BODY(LIST_ORGANISATIONS)] = { reg_list_organisations, FC_READ, "list_organisations" },
    [BODY(PUT_OPERATION)] = { reg_put_operation, FC_WRITE, "put_operation" },
    [BODY(GET_OPERATION)] = { reg_get_operation, FC_READ, "get_operation" },
    [BODY(LIST_OPERATIONS)] = { reg_list_operations, FC_READ, "list_operations" },
    [BODY(PUT_CENTRE)] = { reg_put_centre, FC_WRITE, "put_centre" },
    [BODY(GET_CENTRE)] = { reg_get_centre, FC_READ, "get_centre" },
    [BODY(LIST_CENTRES)] = { reg_list_centres, FC_READ, "list_centres" },
    [BODY(CENTRE_AS_OF)] = { reg_centre_as_of, FC_READ, "centre_as_of" },
    [BODY(PUT_AGREEMENT)] = { reg_put_agreement, FC_WRITE, "put_agreement" },
    [BODY(GET_AGREEMENT)] = { reg_get_agreement, FC_READ, "get_agreement" },
    [BODY(LIST_AGREEMENTS)] = { reg_list_agreements, FC_READ, "list_agreements" },
    [BODY(AGREEMENT_HISTORY)] = { reg_agreement_history, FC_READ, "agreement_history" },
    [BODY(SEND_FOR_SIGNATURE)] = { reg_send_for_signature, FC_WRITE, "send_for_signature" },
    [BODY(WITHDRAW)] = { reg_withdraw, FC_WRITE, "withdraw" },
    [BODY(SIGN)] = { reg_sign, FC_WRITE, "sign" },
    [BODY(AMEND)] = { reg_amend, FC_WRITE, "amend" },
    [BODY(RECORD_NOTICE)] = { reg_record_notice, FC_WRITE, "record_notice" },
    [BODY(TERMINATE)] = { reg_terminate, FC_WRITE, "terminate" },
    [BODY(EXPIRE)] = { reg_expire, FC_WRITE, "expire" },
    [BODY(AUDIT)] = { reg_audit, FC_READ, "audit" },
    [BODY(SNAPSHOT)] = { reg_snapshot, FC_READ, "snapshot" },
    [BODY(IMPORT_BATCH)] = { reg_import, FC_WRITE, "import_batch" },
    [BODY(TODAY)] = { reg_today, FC_READ, "today" },
};

static const char *const DBI_NAMES[DB_COUNT] = {
    [DB_ORGANISATIONS] = "organisations",
    [DB_ORG_NUMBERS] = "org_numbers",
    [DB_OPERATIONS] = "operations",
    [DB_CENTRES] = "centres",
    [DB_AGREEMENTS] = "agreements",
    [DB_AGREEMENT_VERSIONS] = "agreement_versions",
};

const fc_service_def_t fc_registry_service = {
    .name = "registry",
    .request_desc = &fcavtal__v1__registry_request__descriptor,
    .reply_desc = &fcavtal__v1__registry_reply__descriptor,
    .routes = ROUTES,
    .n_routes = sizeof ROUTES / sizeof ROUTES[0],
    .dbi_names = DBI_NAMES,
    .n_dbis = DB_COUNT,
    .schema_version = REGISTRY_SCHEMA_VERSION,
};
