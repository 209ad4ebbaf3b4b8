/* The render service's integration tests share this: the real registry
 * (loaded with deploy/sample/sample.json through the real CLI) and the
 * real fcavtal-render following it, over ZeroMQ on loopback; with
 * rs_start_with_costs also the real fcavtal-costs, which render then follows
 * for the financing section (otherwise render runs with --costs off). */
#ifndef RENDER_SERVICE_H
#define RENDER_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/status.h"
#include "fcavtal/v1/render.pb-c.h"
#include "registry_client.h"
#include "test_client.h"

typedef Fcavtal__V1__RenderReply rs_rep_t;

#define RS_MD FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_MARKDOWN
#define RS_HTML FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_HTML
#define RS_PDF FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_PDF

typedef struct {
    rc_t reg;
    tc_t svc;
    tc_t costs;                  /* started by rs_start_with_costs; else not followed */
    bool follow_costs;           /* render runs with the costs endpoints below */
    char costs_request[128], costs_publish[128];
    char args[12][512];
    const char *argv[16];
} rs_t;

/* Starts the registry, imports the sample when `sample`, starts render
 * following it (extra args NULL-terminated, may be NULL) and waits until
 * the read model has caught up. 0 or -1. */
int rs_start(rs_t *s, bool sample, const char *const *extra);
/* Imports deploy/sample/sample.json with the fcavtal CLI. 0 or -1. */
int rs_import_sample(rs_t *s);
/* rs_start with the sample, and fcavtal-costs (today 2026-01-15) started
 * after the registry and before render, which follows both; 0 or -1.
 * Render keeps following costs' endpoints across restarts, also while
 * costs is stopped. */
int rs_start_with_costs(rs_t *s);
/* A request to costs (owned reply, a Fcavtal__V1__CostsReply). */
ProtobufCMessage *rs_costs_call(rs_t *s, const char *member, const ProtobufCMessage *body);
/* Starts (or restarts on the same data) only the render service. */
int rs_start_render(rs_t *s, const char *const *extra);
/* True once render's follower is live at the registry's latest event and
 * no automatic rendering waits. */
bool rs_synced(rs_t *s);
bool rs_wait_synced(rs_t *s, int ms);
void rs_cleanup(rs_t *s);

/* The registry agreement whose case number (or, without one, title) is
 * `key`; 0 when none. */
uint64_t rs_agreement(rs_t *s, const char *key);
/* The registry's current agreement (owned reply; NULL on failure). */
rc_rep_t *rs_registry_agreement(rs_t *s, uint64_t id);

/* Requests to render, owned replies. */
rs_rep_t *rs_render(rs_t *s, uint64_t agreement, uint32_t version, int format, bool review);
rs_rep_t *rs_list(rs_t *s, uint64_t agreement, uint32_t version, int format);
rs_rep_t *rs_verify(rs_t *s, uint64_t agreement, const void *bytes, size_t size);
rs_rep_t *rs_call(rs_t *s, const char *member, const ProtobufCMessage *body);
/* Every byte of rendering `id`, through get_rendering pages of at most
 * `page` bytes (0: the service's limit); owned, NULL on failure. */
uint8_t *rs_fetch(rs_t *s, uint64_t id, uint32_t page, size_t *size);
/* Renders and fetches: the bytes (owned) and the info (owned reply in *rep). */
uint8_t *rs_document(rs_t *s, uint64_t agreement, uint32_t version, int format, size_t *size,
                     rs_rep_t **rep);

/* "code=... message=..." for assertion messages (static buffer). */
const char *rs_describe(const rs_rep_t *rep);
/* The render service's latest event sequence number (from a reply). */
uint64_t rs_seq(rs_t *s);

/* Signs for every party of `agreement` that has not signed yet, each in a
 * request of its own (one version each). 0 or -1. */
int rs_sign_all(rs_t *s, uint64_t agreement, const char *date);

#endif
