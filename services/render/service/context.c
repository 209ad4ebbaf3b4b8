#include "context.h"

#include <stdio.h>

#define AKIND(x) FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_##x

const char *rsv_party_name(rsv_world_t *w, uint64_t org_id, uint64_t op_id)
{
    if (op_id) {
        const DocOperation *op = rsv_world_op(w, op_id);
        return op ? op->name : "";
    }
    const DocOrganisation *org = rsv_world_org(w, org_id);
    return org ? org->name : "";
}

void rsv_party_label(rsv_world_t *w, uint64_t org_id, uint64_t op_id, char *buf, size_t size)
{
    const DocOperation *op = op_id ? rsv_world_op(w, op_id) : NULL;
    const DocOrganisation *org = rsv_world_org(w, op ? op->organisation_id : org_id);
    if (!org)
        snprintf(buf, size, "%s", "");
    else if (op)
        snprintf(buf, size, "%s, %s", op->name, org->name);
    else
        snprintf(buf, size, "%s", org->name);
}

/* Governing documents with their diarienummer (VG §15 "Avtalets
 * utgångspunkter", Bilaga 1 §3). */
static void documents(rsv_build_t *b, const DocAgreement *a, rnd_value_t *ctx)
{
    rnd_value_t *docs = rsv_list(b, ctx, "documents");
    for (size_t i = 0; i < a->n_documents; i++) {
        const Fcavtal__V1__GoverningDocument *d = a->documents[i];
        rnd_value_t *m = rsv_item(b, docs);
        rsv_set(b, m, "title", d->title);
        rsv_set(b, m, "case_number", d->case_number);
        rsv_set_date(b, m, "date", d->date);
    }
}

static void agreement(rsv_build_t *b, rsv_world_t *w, rnd_value_t *ctx)
{
    const DocAgreement *a = w->agreement;
    rnd_value_t *m = rsv_map(b, ctx, "agreement");
    rsv_set(b, m, "title", a->title);
    rsv_set(b, m, "case_number", a->case_number);
    rsv_setf(b, m, "version", "%u", a->version);
    /* Bilaga 1 §18, Bilaga 2 §12: one original per party. */
    char words[32];
    rsv_set(b, m, "copies", rnd_format_count_words((unsigned)a->n_parties, words, sizeof words));
    rsv_ctx_term(b, w, m);
}

fc_status_t rsv_context_build(rsv_world_t *w, rnd_value_t **out)
{
    *out = NULL;
    rsv_build_t b = { false };
    rnd_value_t *ctx = rnd_map_new();
    if (!ctx)
        return fc_call_oom(w->call);
    agreement(&b, w, ctx);
    documents(&b, w->agreement, ctx);
    rsv_ctx_centre(&b, w, ctx);
    rsv_ctx_parties(&b, w, ctx);
    rsv_ctx_people(&b, w, ctx);
    rsv_ctx_financing(&b, w, ctx);
    rsv_ctx_use_right(&b, w, ctx);
    if (w->error || b.failed) {
        rnd_value_destroy(&ctx);
        if (w->error == FC_UNAVAILABLE)
            return fc_call_fail(w->call, FC_UNAVAILABLE,
                                "the registry's %s has not reached this service yet; try again "
                                "in a moment", w->missing);
        if (w->error)
            return fc_call_fail(w->call, w->error, "cannot read %s: %s", w->missing,
                                fc_status_name(w->error));
        return fc_call_oom(w->call);
    }
    *out = ctx;
    return FC_OK;
}
