/* verify_rendering: do these bytes (an archived PDF, say) hash to what was
 * stored when the document was made? The comparison is with the stored
 * SHA-256, never with a new rendering: a library upgrade may change the
 * bytes of a new rendering, never those of an archived one. */
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "renderings.h"

static bool hex64(const char *s)
{
    size_t n = strlen(s);
    if (n != 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')
              || (s[i] >= 'A' && s[i] <= 'F')))
            return false;
    return true;
}

/* The SHA-256 to check, lower-case hex, from the bytes or as given. */
static fc_status_t digest(fc_call_t *call, const Fcavtal__V1__VerifyRendering *q, char hex[65])
{
    if (q->content.len) {
        rnd_sha256_hex(q->content.data, q->content.len, hex);
        return FC_OK;
    }
    if (!*q->sha256 || !hex64(q->sha256)) {
        fc_call_violation(call, *q->sha256 ? "verify_rendering.sha256" : "verify_rendering",
                          *q->sha256 ? "64 hexadecimal digits" : "give content or sha256");
        return fc_call_fail(call, FC_INVALID_ARGUMENT,
                            "verify_rendering needs the bytes or their SHA-256 (64 hex digits)");
    }
    for (size_t i = 0; i < 64; i++)
        hex[i] = (char)(q->sha256[i] >= 'A' && q->sha256[i] <= 'F' ? q->sha256[i] + 32
                                                                 : q->sha256[i]);
    hex[64] = '\0';
    return FC_OK;
}

typedef struct {
    const Fcavtal__V1__VerifyRendering *q;
    const char *hex;
    Fcavtal__V1__Verification *v;
} matcher_t;

/* Keeps the match, or else the newest rendering compared. */
static fc_status_t compare(fc_call_t *call, ProtobufCMessage *record, void *arg, bool *stop)
{
    (void)call;
    matcher_t *m = arg;
    RenderingInfo *r = (RenderingInfo *)record;
    if ((m->q->version && r->version != m->q->version)
        || (m->q->format && r->format != m->q->format)) {
        protobuf_c_message_free_unpacked(record, NULL);
        return FC_OK;
    }
    m->v->compared++;
    if (m->v->stored)
        protobuf_c_message_free_unpacked(&m->v->stored->base, NULL);
    m->v->stored = r;
    m->v->matches = strcmp(r->sha256, m->hex) == 0;
    *stop = m->v->matches;
    return FC_OK;
}

fc_status_t rsv_verify_rendering(fc_call_t *call, const Fcavtal__V1__VerifyRendering *body,
                                 Rep *rep)
{
    char hex[65];
    fc_status_t st = digest(call, body, hex);
    if (st)
        return st;
    if (!body->rendering_id && !body->agreement_id) {
        fc_call_violation(call, "verify_rendering", "give rendering_id or agreement_id");
        return fc_call_fail(call, FC_INVALID_ARGUMENT,
                            "verify_rendering needs a rendering_id or an agreement_id");
    }
    Fcavtal__V1__Verification *v = malloc(sizeof *v);
    if (!v)
        return fc_call_oom(call);
    fcavtal__v1__verification__init(v);
    rep->body_case = FCAVTAL__V1__RENDER_REPLY__BODY_VERIFICATION;
    rep->verification = v;
    if (!(v->sha256 = strdup(hex)))
        return fc_call_oom(call);
    matcher_t m = { body, hex, v };
    if (body->rendering_id) {
        ProtobufCMessage *r = NULL;
        bool stop = false;
        st = fc_record_load(call, REC_RENDERING, body->rendering_id, &r);
        return st ? st : compare(call, r, &m, &stop);
    }
    fc_index_key_t key;
    fc_index_key_u64(&key, body->agreement_id);
    st = fc_record_index_scan(call, REC_RENDERING, IX_RENDERING_AGREEMENT, &key, 0, compare, &m);
    if (st)
        return fc_call_fail(call, st, "cannot read the stored renderings");
    if (!v->compared)
        return fc_call_fail(call, FC_NOT_FOUND, "agreement %llu has no stored rendering%s to "
                            "compare with", (unsigned long long)body->agreement_id,
                            body->version || body->format ? " of that version and format" : "");
    return FC_OK;
}
