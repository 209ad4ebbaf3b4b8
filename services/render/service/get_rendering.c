/* get_rendering: a stored rendering's metadata and bytes, by id or by
 * agreement version and format. A reply carries at most --max-reply bytes
 * of content; a larger document comes in pages (offset, next_offset), so
 * no reply grows with the document. */
#include <stdlib.h>
#include <string.h>

#include "renderings.h"

/* Room kept in a reply for the metadata beside the content. */
#define REPLY_OVERHEAD 65536

typedef struct {
    const Fcavtal__V1__GetRendering *q;
    RenderingInfo *best;
} newest_t;

/* Version 0: the newest version rendered in that format and draft flag. */
static fc_status_t keep_newest(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call, (void)stop;
    newest_t *n = arg;
    RenderingInfo *r = (RenderingInfo *)record;
    bool fits = r->format == n->q->format && r->draft == n->q->draft;
    if (fits && (!n->best || r->version >= n->best->version)) {
        if (n->best)
            protobuf_c_message_free_unpacked(&n->best->base, NULL);
        n->best = r;
    } else {
        protobuf_c_message_free_unpacked(record, NULL);
    }
    return FC_OK;
}

static fc_status_t find(fc_call_t *call, const Fcavtal__V1__GetRendering *q, RenderingInfo **out)
{
    if (q->rendering_id)
        return fc_record_load(call, REC_RENDERING, q->rendering_id, (ProtobufCMessage **)out);
    if (!q->agreement_id || !rsv_format_known((int)q->format)) {
        fc_call_violation(call, q->agreement_id ? "get_rendering.format" : "get_rendering",
                          "give rendering_id, or agreement_id with a format");
        return fc_call_fail(call, FC_INVALID_ARGUMENT,
                            "get_rendering needs a rendering_id, or an agreement_id and a format");
    }
    fc_status_t st;
    if (q->version) {
        st = rsv_rendering_find(call, q->agreement_id, q->version, (int)q->format, q->draft, out);
    } else {
        newest_t n = { q, NULL };
        fc_index_key_t key;
        fc_index_key_u64(&key, q->agreement_id);
        st = fc_record_index_scan(call, REC_RENDERING, IX_RENDERING_AGREEMENT, &key, 0,
                                  keep_newest, &n);
        *out = n.best;
        if (!st && !n.best)
            st = FC_NOT_FOUND;
        if (st && n.best) {
            protobuf_c_message_free_unpacked(&n.best->base, NULL);
            *out = NULL;
        }
    }
    if (st == FC_NOT_FOUND)
        return fc_call_fail(call, st, "agreement %llu has no stored %s%s rendering%s",
                            (unsigned long long)q->agreement_id, q->draft ? "draft " : "",
                            rsv_format_extension((int)q->format) + 1,
                            q->version ? " of that version" : "");
    return st ? fc_call_fail(call, st, "cannot read the stored renderings") : FC_OK;
}

fc_status_t rsv_get_rendering(fc_call_t *call, const Fcavtal__V1__GetRendering *body, Rep *rep)
{
    rsv_state_t *state = fc_call_state(call);
    Fcavtal__V1__Rendering *r = malloc(sizeof *r);
    if (!r)
        return fc_call_oom(call);
    fcavtal__v1__rendering__init(r);
    rep->body_case = FCAVTAL__V1__RENDER_REPLY__BODY_RENDERING;
    rep->rendering = r;
    fc_status_t st = find(call, body, &r->info);
    const uint8_t *data = NULL;
    size_t size = 0;
    if (!st)
        st = rsv_rendering_content(call, r->info->id, &data, &size);
    if (st)
        return st;
    if (body->offset > size)
        return fc_call_fail(call, FC_OUT_OF_RANGE, "offset %llu is past the end of the %zu-byte "
                            "document", (unsigned long long)body->offset, size);
    size_t room = state->max_reply - REPLY_OVERHEAD;
    if (body->max_bytes && body->max_bytes < room)
        room = body->max_bytes;
    size_t n = size - body->offset < room ? size - body->offset : room;
    r->offset = body->offset;
    r->next_offset = body->offset + n < size ? body->offset + n : 0;
    r->content.len = n;
    r->content.data = malloc(n ? n : 1);
    if (!r->content.data)
        return fc_call_oom(call);
    if (n)
        memcpy(r->content.data, data + body->offset, n);
    return FC_OK;
}
