/* The template context of one agreement version (docs/render.md, "The
 * context"), built from the read model: every key the shipped templates
 * read is present, values formatted the Swedish way. One file per part:
 * context_term.c (term, notice, end in force), context_centre.c (centre and
 * classification), context_parties.c (parties and signatures),
 * context_people.c (steering group, coordinator, staff), financing.c
 * (financing, insurance, fire safety) and context_use_right.c (Bilaga 2). */
#ifndef RSV_CONTEXT_H
#define RSV_CONTEXT_H

#include "build.h"
#include "model.h"

/* The whole context. FC_OK and an owned *out, or FC_RESOURCE_EXHAUSTED /
 * the world's error (message set in the call). */
fc_status_t rsv_context_build(rsv_world_t *w, rnd_value_t **out);

void rsv_ctx_term(rsv_build_t *b, rsv_world_t *w, rnd_value_t *agreement);
void rsv_ctx_centre(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx);
void rsv_ctx_parties(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx);
void rsv_ctx_people(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx);
void rsv_ctx_financing(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx);
void rsv_ctx_use_right(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx);

/* "Öppna förskolan Angered, Göteborgs kommun": an operation with its
 * principal, or the organisation alone when op_id is 0. Empty text when
 * the read model lacks them (w->error says so). */
void rsv_party_label(rsv_world_t *w, uint64_t org_id, uint64_t op_id, char *buf, size_t size);
/* The operation's name, or the organisation's when op_id is 0. */
const char *rsv_party_name(rsv_world_t *w, uint64_t org_id, uint64_t op_id);

#endif
