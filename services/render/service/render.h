/* Rendering one agreement version, for a request and for the automatic
 * renderings alike: the version from the read model, the template its kind
 * and framework's rule set choose, the context, the engine, and the store.
 * A version, format and draft flag are rendered once; asking again returns
 * the stored rendering. */
#ifndef RSV_RENDER_H
#define RSV_RENDER_H

#include "service.h"

typedef struct {
    uint64_t agreement_id;
    uint32_t version;       /* 0: the current version */
    rnd_format_t format;
    bool review_copy;       /* UTKAST even past draft */
} rsv_ask_t;

/* FC_OK with the stored rendering in *info (owned) and *created telling
 * whether it was made now. On failure the call's message says why; a final
 * document refused for empty mandatory sections returns
 * FC_FAILED_PRECONDITION with them in err->missing (reset err after). */
fc_status_t rsv_render(fc_call_t *call, const rsv_ask_t *ask, RenderingInfo **info,
                       bool *created, rnd_error_t *err);

/* The agreement version asked for (version 0: the current one), owned.
 * NOT_FOUND / UNAVAILABLE with a message that says which and why. */
fc_status_t rsv_load_version(fc_call_t *call, uint64_t agreement_id, uint32_t version,
                             DocAgreement **out);

#endif
