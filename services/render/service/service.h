/* fcavtal-render, the document service: its record types, databases,
 * state and handlers (prefix rsv_). The engine (include/fcavtal/render.h)
 * makes the bytes; this service keeps its own read model of the registry
 * and of the costs service's finalised settlements through core followers, builds the template context from it, stores
 * every rendering per agreement version and format with its SHA-256 and
 * publishes "render.rendering.created" for the case-management system. */
#ifndef RSV_SERVICE_H
#define RSV_SERVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "fcavtal/call.h"
#include "fcavtal/follower.h"
#include "fcavtal/record.h"
#include "fcavtal/render.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/render.pb-c.h"

typedef Fcavtal__V1__RenderReply Rep;
typedef Fcavtal__V1__RenderingInfo RenderingInfo;
typedef Fcavtal__V1__DocOrganisation DocOrganisation;
typedef Fcavtal__V1__DocOperation DocOperation;
typedef Fcavtal__V1__DocCentre DocCentre;
typedef Fcavtal__V1__DocAgreement DocAgreement;

/* Record types, in fc_service_def_t.records order: the service's own
 * (renderings, refusals), the read model of the registry and of costs. */
enum {
    REC_RENDERING,
    REC_REFUSAL,
    REC_ORGANISATION,
    REC_OPERATION,
    REC_CENTRE,
    REC_AGREEMENT,   /* current version of each agreement */
    REC_COST_SETTLEMENT, /* the read model of costs: a finalised run's figures per centre */
    REC_COUNT
};

/* Indexes, in each record type's order. */
enum { IX_RENDERING_AGREEMENT, IX_RENDERING_KEY };
enum { IX_AGREEMENT_CENTRE };
enum { IX_SETTLEMENT_CENTRE };

/* Plain databases. */
enum {
    DB_CONTENT,      /* rendering id -> the document's bytes */
    DB_VERSIONS,     /* agreement id | version -> DocAgreement, every version seen */
    DB_AUTO_QUEUE,   /* agreement id | version -> (empty): to render automatically */
    DB_COUNT
};

#define RSV_SCHEMA_VERSION 1

typedef struct rsv_templates rsv_templates_t;

typedef struct {
    rnd_engine_t *engine;
    rsv_templates_t *templates;
    fc_follower_t *follower;       /* NULL when following nothing (tests of the bench) */
    fc_follower_t *costs_follower; /* NULL: costs not followed (--costs off) */
    size_t max_reply;              /* bytes of content in one get_rendering reply */
    size_t max_document;           /* largest document the engine may produce */
    rnd_format_t auto_format;      /* 0: no automatic renderings */
} rsv_state_t;

extern const fc_service_def_t rsv_service;

/* ---- handlers (one file per request) ---- */
fc_status_t rsv_render_agreement(fc_call_t *call, const Fcavtal__V1__RenderAgreement *body,
                                 Rep *rep);
fc_status_t rsv_list_renderings(fc_call_t *call, const Fcavtal__V1__ListRenderings *body,
                                Rep *rep);
fc_status_t rsv_get_rendering(fc_call_t *call, const Fcavtal__V1__GetRendering *body, Rep *rep);
fc_status_t rsv_verify_rendering(fc_call_t *call, const Fcavtal__V1__VerifyRendering *body,
                                 Rep *rep);
fc_status_t rsv_follow_status(fc_call_t *call, const Fcavtal__V1__FollowStatus *body, Rep *rep);

/* True for the three formats the engine produces. */
bool rsv_format_known(int format);

#endif
