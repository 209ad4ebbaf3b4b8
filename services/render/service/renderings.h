/* Stored renderings: the metadata as a record (REC_RENDERING, indexed by
 * agreement and by agreement | version | format | draft) and the bytes in
 * DB_CONTENT under the same id, written in the same transaction, so a
 * rendering is stored whole or not at all (a crash mid-rendering leaves
 * nothing behind). */
#ifndef RSV_RENDERINGS_H
#define RSV_RENDERINGS_H

#include "service.h"

/* agreement id (8) | version (4) | format (1) | draft (1). */
void rsv_rendering_key(fc_index_key_t *key, uint64_t agreement_id, uint32_t version, int format,
                       bool draft);

/* The rendering stored under that key: FC_OK and an owned *out, or
 * FC_NOT_FOUND. */
fc_status_t rsv_rendering_find(fc_call_t *call, uint64_t agreement_id, uint32_t version,
                               int format, bool draft, RenderingInfo **out);

/* Gives info an id, stores it and its bytes and publishes
 * "render.rendering.created" with the metadata. */
fc_status_t rsv_rendering_store(fc_call_t *call, RenderingInfo *info, const void *bytes,
                                size_t size);

/* The stored bytes of rendering `id`, valid until the transaction ends. */
fc_status_t rsv_rendering_content(fc_call_t *call, uint64_t id, const uint8_t **data,
                                  size_t *size);

/* ".md", ".html", ".pdf" */
const char *rsv_format_extension(int format);

#endif
