/* The render service's definition: dispatch table, record types with their
 * indexes, and plain databases. */
#include "renderings.h"
#include "service.h"

#define BODY(name) FCAVTAL__V1__RENDER_REQUEST__BODY_##name
#define ROUTE(CASE, FN, ACCESS, T, DESC) FC_ROUTE(BODY(CASE), FN, ACCESS, T, DESC, Rep)

static const fc_route_t ROUTES[] = {
    ROUTE(RENDER_AGREEMENT, rsv_render_agreement, FC_WRITE, Fcavtal__V1__RenderAgreement,
          fcavtal__v1__render_agreement__descriptor),
    ROUTE(LIST_RENDERINGS, rsv_list_renderings, FC_READ, Fcavtal__V1__ListRenderings,
          fcavtal__v1__list_renderings__descriptor),
    ROUTE(GET_RENDERING, rsv_get_rendering, FC_READ, Fcavtal__V1__GetRendering,
          fcavtal__v1__get_rendering__descriptor),
    ROUTE(VERIFY_RENDERING, rsv_verify_rendering, FC_READ, Fcavtal__V1__VerifyRendering,
          fcavtal__v1__verify_rendering__descriptor),
    ROUTE(FOLLOW_STATUS, rsv_follow_status, FC_READ, Fcavtal__V1__FollowStatus,
          fcavtal__v1__follow_status__descriptor),
};

/* ------------------------------------------------------------ index keys */

static size_t rendering_agreement_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    fc_index_key_u64(k, ((const RenderingInfo *)r)->agreement_id);
    return max ? 1 : 0;
}

static size_t rendering_version_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const RenderingInfo *i = (const RenderingInfo *)r;
    rsv_rendering_key(k, i->agreement_id, i->version, (int)i->format, i->draft);
    return max ? 1 : 0;
}

static size_t agreement_centre_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const DocAgreement *a = (const DocAgreement *)r;
    if (!max || !a->centre_id)
        return 0;
    fc_index_key_u64(k, a->centre_id);
    return 1;
}

static size_t settlement_centre_key(const ProtobufCMessage *r, fc_index_key_t *k, size_t max)
{
    const Fcavtal__V1__CentreSettlement *c = (const Fcavtal__V1__CentreSettlement *)r;
    if (!max || !c->centre_id)
        return 0;
    fc_index_key_u64(k, c->centre_id);
    return 1;
}

static const fc_index_def_t RENDERING_INDEXES[] = {
    [IX_RENDERING_AGREEMENT] = { "renderings_by_agreement", rendering_agreement_key, 1 },
    [IX_RENDERING_KEY] = { "renderings_by_version", rendering_version_key, 1 },
};
static const fc_index_def_t AGREEMENT_INDEXES[] = {
    [IX_AGREEMENT_CENTRE] = { "agreements_by_centre", agreement_centre_key, 1 },
};
static const fc_index_def_t SETTLEMENT_INDEXES[] = {
    [IX_SETTLEMENT_CENTRE] = { "cost_settlements_by_centre", settlement_centre_key, 1 },
};

#define N(a) (sizeof a / sizeof a[0])

static const fc_record_def_t RECORDS[REC_COUNT] = {
    [REC_RENDERING] = { "rendering", &fcavtal__v1__rendering_info__descriptor, "renderings",
                        RENDERING_INDEXES, N(RENDERING_INDEXES), NULL },
    [REC_REFUSAL] = { "refusal", &fcavtal__v1__render_refusal__descriptor, "refusals", NULL, 0,
                      NULL },
    [REC_ORGANISATION] = { "organisation", &fcavtal__v1__doc_organisation__descriptor,
                           "organisations", NULL, 0, NULL },
    [REC_OPERATION] = { "operation", &fcavtal__v1__doc_operation__descriptor, "operations", NULL,
                        0, NULL },
    [REC_CENTRE] = { "centre", &fcavtal__v1__doc_centre__descriptor, "centres", NULL, 0, NULL },
    [REC_AGREEMENT] = { "agreement", &fcavtal__v1__doc_agreement__descriptor, "agreements",
                        AGREEMENT_INDEXES, N(AGREEMENT_INDEXES), NULL },
    [REC_COST_SETTLEMENT] = { "cost_settlement", &fcavtal__v1__centre_settlement__descriptor,
                              "cost_settlements", SETTLEMENT_INDEXES, N(SETTLEMENT_INDEXES),
                              NULL },
};

static const char *const DBI_NAMES[DB_COUNT] = {
    [DB_CONTENT] = "rendering_content",
    [DB_VERSIONS] = "agreement_versions",
    [DB_AUTO_QUEUE] = "auto_render_queue",
};

const fc_service_def_t rsv_service = {
    .name = "render",
    .request_desc = &fcavtal__v1__render_request__descriptor,
    .reply_desc = &fcavtal__v1__render_reply__descriptor,
    .event_desc = &fcavtal__v1__render_event__descriptor,
    .routes = ROUTES,
    .n_routes = N(ROUTES),
    .records = RECORDS,
    .n_records = REC_COUNT,
    .dbi_names = DBI_NAMES,
    .n_dbis = DB_COUNT,
    .schema_version = RSV_SCHEMA_VERSION,
};
