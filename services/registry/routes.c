/* The registry's definition: dispatch table, record types with their
 * indexes, and databases. */
#include "agreement.h"
#include "registry.h"

#define BODY(name) FCAVTAL__V1__REGISTRY_REQUEST__BODY_##name
#define ROUTE(CASE, FN, ACCESS, T, DESC) FC_ROUTE(BODY(CASE), FN, ACCESS, T, DESC, Rep)

static const fc_route_t ROUTES[] = {
    ROUTE(PUT_ORGANISATION, reg_put_organisation, FC_WRITE, Fcavtal__V1__PutOrganisation,
          fcavtal__v1__put_organisation__descriptor),
    ROUTE(GET_ORGANISATION, reg_get_organisation, FC_READ, Fcavtal__V1__GetById,
          fcavtal__v1__get_by_id__descriptor),
    ROUTE(LIST_ORGANISATIONS, reg_list_organisations, FC_READ, Fcavtal__V1__ListOrganisations,
          fcavtal__v1__list_organisations__descriptor),
    ROUTE(PUT_OPERATION, reg_put_operation, FC_WRITE, Fcavtal__V1__PutOperation,
          fcavtal__v1__put_operation__descriptor),
    ROUTE(GET_OPERATION, reg_get_operation, FC_READ, Fcavtal__V1__GetById,
          fcavtal__v1__get_by_id__descriptor),
    ROUTE(LIST_OPERATIONS, reg_list_operations, FC_READ, Fcavtal__V1__ListOperations,
          fcavtal__v1__list_operations__descriptor),
    ROUTE(PUT_CENTRE, reg_put_centre, FC_WRITE, Fcavtal__V1__PutCentre,
          fcavtal__v1__put_centre__descriptor),
    ROUTE(GET_CENTRE, reg_get_centre, FC_READ, Fcavtal__V1__GetById,
          fcavtal__v1__get_by_id__descriptor),
    ROUTE(LIST_CENTRES, reg_list_centres, FC_READ, Fcavtal__V1__ListCentres,
          fcavtal__v1__list_centres__descriptor),
    ROUTE(CENTRE_AS_OF, reg_centre_as_of, FC_READ, Fcavtal__V1__CentreAsOf,
          fcavtal__v1__centre_as_of__descriptor),
    ROUTE(PUT_AGREEMENT, reg_put_agreement, FC_WRITE, Fcavtal__V1__PutAgreement,
          fcavtal__v1__put_agreement__descriptor),
    ROUTE(GET_AGREEMENT, reg_get_agreement, FC_READ, Fcavtal__V1__GetById,
          fcavtal__v1__get_by_id__descriptor),
    ROUTE(LIST_AGREEMENTS, reg_list_agreements, FC_READ, Fcavtal__V1__ListAgreements,
          fcavtal__v1__list_agreements__descriptor),
    ROUTE(AGREEMENT_HISTORY, reg_agreement_history, FC_READ, Fcavtal__V1__GetById,
          fcavtal__v1__get_by_id__descriptor),
    ROUTE(SEND_FOR_SIGNATURE, reg_send_for_signature, FC_WRITE, Fcavtal__V1__AgreementAction,
          fcavtal__v1__agreement_action__descriptor),
    ROUTE(WITHDRAW, reg_withdraw, FC_WRITE, Fcavtal__V1__AgreementAction,
          fcavtal__v1__agreement_action__descriptor),
    ROUTE(SIGN, reg_sign, FC_WRITE, Fcavtal__V1__SignAgreement,
          fcavtal__v1__sign_agreement__descriptor),
    ROUTE(AMEND, reg_amend, FC_WRITE, Fcavtal__V1__AmendAgreement,
          fcavtal__v1__amend_agreement__descriptor),
    ROUTE(RECORD_NOTICE, reg_record_notice, FC_WRITE, Fcavtal__V1__RecordNotice,
          fcavtal__v1__record_notice__descriptor),
    ROUTE(TERMINATE, reg_terminate, FC_WRITE, Fcavtal__V1__Terminate,
          fcavtal__v1__terminate__descriptor),
    ROUTE(EXPIRE, reg_expire, FC_WRITE, Fcavtal__V1__AgreementAction,
          fcavtal__v1__agreement_action__descriptor),
    ROUTE(IMPORT_BATCH, reg_import, FC_WRITE, Fcavtal__V1__ImportBatch,
          fcavtal__v1__import_batch__descriptor),
};

/* ------------------------------------------------------------ index keys */

static size_t org_number_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Fcavtal__V1__Organisation *o = (const Fcavtal__V1__Organisation *)r;
    if (!max || !o->org_number || !*o->org_number->value)
        return 0;
    fc_index_key_text(k, o->org_number->value);
    return 1;
}

static size_t org_region_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Fcavtal__V1__Organisation *o = (const Fcavtal__V1__Organisation *)r;
    if (!max || !o->region_id)
        return 0;
    fc_index_key_u64(k, o->region_id);
    return 1;
}

static size_t org_kind_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u32(k, (uint32_t)((const Fcavtal__V1__Organisation *)r)->kind);
    return max ? 1 : 0;
}

static size_t op_org_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u64(k, ((const Fcavtal__V1__Operation *)r)->organisation_id);
    return max ? 1 : 0;
}

static size_t centre_municipality_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u64(k, ((const Fcavtal__V1__Centre *)r)->municipality_id);
    return max ? 1 : 0;
}

static size_t centre_class_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Fcavtal__V1__Centre *c = (const Fcavtal__V1__Centre *)r;
    if (!max || !c->classification)
        return 0;
    fc_index_key_u32(k, (uint32_t)c->classification->kind);
    return 1;
}

static size_t agreement_centre_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Agreement *a = (const Agreement *)r;
    if (!max || !a->centre_id)
        return 0;
    fc_index_key_u64(k, a->centre_id);
    return 1;
}

/* One key per organisation that is a party, however many of its
 * operations take part. */
static size_t agreement_party_keys(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Agreement *a = (const Agreement *)r;
    size_t n = 0;
    for (size_t i = 0; i < a->n_parties && n < max; i++) {
        uint64_t org = a->parties[i]->organisation_id;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = a->parties[j]->organisation_id == org;
        if (!seen)
            fc_index_key_u64(&k[n++], org);
    }
    return n;
}

static size_t agreement_status_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u32(k, (uint32_t)((const Agreement *)r)->status);
    return max ? 1 : 0;
}

static size_t agreement_kind_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u32(k, (uint32_t)((const Agreement *)r)->kind);
    return max ? 1 : 0;
}

static const fc_index_def_t ORG_INDEXES[] = {
    [IX_ORG_NUMBER] = { "organisations_by_number", org_number_key, 1 },
    [IX_ORG_REGION] = { "organisations_by_region", org_region_key, 1 },
    [IX_ORG_KIND] = { "organisations_by_kind", org_kind_key, 1 },
};
static const fc_index_def_t OP_INDEXES[] = {
    [IX_OP_ORGANISATION] = { "operations_by_organisation", op_org_key, 1 },
};
static const fc_index_def_t CENTRE_INDEXES[] = {
    [IX_CENTRE_MUNICIPALITY] = { "centres_by_municipality", centre_municipality_key, 1 },
    [IX_CENTRE_CLASSIFICATION] = { "centres_by_classification", centre_class_key, 1 },
};
static const fc_index_def_t AGREEMENT_INDEXES[] = {
    [IX_AGREEMENT_CENTRE] = { "agreements_by_centre", agreement_centre_key, 1 },
    [IX_AGREEMENT_PARTY] = { "agreements_by_party", agreement_party_keys, REG_MAX_PARTIES },
    [IX_AGREEMENT_STATUS] = { "agreements_by_status", agreement_status_key, 1 },
    [IX_AGREEMENT_KIND] = { "agreements_by_kind", agreement_kind_key, 1 },
};

static void present_agreement(fc_call_t *call, ProtobufCMessage *record)
{
    reg_agreement_fill_current_end(call, (Agreement *)record);
}

#define N(a) (sizeof a / sizeof a[0])

static const fc_record_def_t RECORDS[REC_COUNT] = {
    [REC_ORGANISATION] = { "organisation", &fcavtal__v1__organisation__descriptor, "organisations",
                           ORG_INDEXES, N(ORG_INDEXES), NULL },
    [REC_OPERATION] = { "operation", &fcavtal__v1__operation__descriptor, "operations", OP_INDEXES,
                        N(OP_INDEXES), NULL },
    [REC_CENTRE] = { "centre", &fcavtal__v1__centre__descriptor, "centres", CENTRE_INDEXES,
                     N(CENTRE_INDEXES), NULL },
    [REC_AGREEMENT] = { "agreement", &fcavtal__v1__agreement__descriptor, "agreements",
                        AGREEMENT_INDEXES, N(AGREEMENT_INDEXES), present_agreement },
};

static const char *const DBI_NAMES[DB_COUNT] = {
    [DB_AGREEMENT_VERSIONS] = "agreement_versions",
};

const fc_service_def_t fc_registry_service = {
    .name = "registry",
    .request_desc = &fcavtal__v1__registry_request__descriptor,
    .reply_desc = &fcavtal__v1__registry_reply__descriptor,
    .event_desc = &fcavtal__v1__registry_event__descriptor,
    .routes = ROUTES,
    .n_routes = N(ROUTES),
    .records = RECORDS,
    .n_records = REC_COUNT,
    .dbi_names = DBI_NAMES,
    .n_dbis = DB_COUNT,
    .schema_version = REGISTRY_SCHEMA_VERSION,
};
