/* render_agreement: render (or return the stored rendering of) one
 * agreement version in one format. */
#include <stdlib.h>

#include "render.h"

static fc_status_t check(fc_call_t *call, const Fcavtal__V1__RenderAgreement *body)
{
    if (!body->agreement_id) {
        fc_call_violation(call, "render_agreement.agreement_id", "required");
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "render_agreement needs an agreement_id");
    }
    if (!rsv_format_known((int)body->format)) {
        fc_call_violation(call, "render_agreement.format",
                          "%d is not a format: 1 Markdown, 2 HTML, 3 PDF", (int)body->format);
        return fc_call_fail(call, FC_INVALID_ARGUMENT, "unknown format %d", (int)body->format);
    }
    return FC_OK;
}

/* One violation per empty mandatory section, so the registrar sees the
 * whole list at once. */
static void report_missing(fc_call_t *call, const rnd_error_t *err)
{
    for (size_t i = 0; i < err->missing_count; i++)
        fc_call_violation(call, "section", "%s", err->missing[i]);
}

fc_status_t rsv_render_agreement(fc_call_t *call, const Fcavtal__V1__RenderAgreement *body,
                                 Rep *rep)
{
    fc_status_t st = check(call, body);
    if (st)
        return st;
    rsv_ask_t ask = { body->agreement_id, body->version, (rnd_format_t)body->format,
                      body->review_copy };
    Fcavtal__V1__Rendered *out = malloc(sizeof *out);
    if (!out)
        return fc_call_oom(call);
    fcavtal__v1__rendered__init(out);
    rep->body_case = FCAVTAL__V1__RENDER_REPLY__BODY_RENDERED;
    rep->rendered = out;
    rnd_error_t err = RND_ERROR_INIT;
    bool created = false;
    st = rsv_render(call, &ask, &out->info, &created, &err);
    out->created = created;
    if (st == FC_FAILED_PRECONDITION)
        report_missing(call, &err);
    rnd_error_reset(&err);
    return st;
}
