/* Text output of the document service's replies: renderings as a table,
 * a verification as a sentence, the read model's progress; anything else
 * as JSON. */
#include <stdio.h>

#include "fcavtal/pbjson.h"
#include "format.h"
#include "render.h"
#include "table.h"

const char *cli_render_format_name(Fcavtal__V1__RenderFormat format)
{
    switch (format) {
    case FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_PDF: return "pdf";
    case FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_HTML: return "html";
    case FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_MARKDOWN: return "md";
    default: return "?";
    }
}

int cli_render_print_list(Fcavtal__V1__RenderingInfo *const *items, size_t n)
{
    static const char *const headers[] = { "id", "version", "format", "kind", "pages", "bytes",
                                           "dated", "sha256", "file" };
    cli_table_t *t = table_new(headers, sizeof headers / sizeof headers[0]);
    if (!t)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const Fcavtal__V1__RenderingInfo *r = items[i];
        char date[16];
        table_cellf(t, "%llu", (unsigned long long)r->id);
        table_cellf(t, "%u", r->version);
        table_cellf(t, "%s", cli_render_format_name(r->format));
        table_cellf(t, "%s", r->draft ? "utkast" : "final");
        if (r->pages)
            table_cellf(t, "%u", r->pages);
        else
            table_cellf(t, "-");
        table_cellf(t, "%llu", (unsigned long long)r->size);
        table_cellf(t, "%s", fmt_date(r->document_date, date, sizeof date));
        table_cellf(t, "%s", r->sha256);
        table_cellf(t, "%s", r->file_name);
    }
    int rc = table_print(t, stdout);
    table_destroy(&t);
    return rc;
}

static int print_follow(const Fcavtal__V1__FollowState *f)
{
    printf("registry event %llu of %llu, %s; %u rebuild%s, %u gap%s filled; %u version%s "
           "waiting to be rendered\n",
           (unsigned long long)f->position, (unsigned long long)f->leader_seq,
           f->live ? "live" : "catching up", f->rebuilds, f->rebuilds == 1 ? "" : "s",
           f->gaps_filled, f->gaps_filled == 1 ? "" : "s", f->auto_pending,
           f->auto_pending == 1 ? "" : "s");
    if (f->costs_followed)
        printf("costs event %llu of %llu, %s; %u rebuild%s\n",
               (unsigned long long)f->costs_position, (unsigned long long)f->costs_leader_seq,
               f->costs_live ? "live" : "catching up", f->costs_rebuilds,
               f->costs_rebuilds == 1 ? "" : "s");
    else
        printf("costs not followed (--costs off): financing without amounts\n");
    return 0;
}

int cli_render_print(cli_t *cli, const ProtobufCMessage *reply)
{
    (void)cli;
    const render_reply_t *r = (const render_reply_t *)reply;
    switch (r->body_case) {
    case FCAVTAL__V1__RENDER_REPLY__BODY_RENDERINGS:
        return cli_render_print_list(r->renderings->items, r->renderings->n_items);
    case FCAVTAL__V1__RENDER_REPLY__BODY_RENDERED:
        return cli_render_print_list(&r->rendered->info, 1);
    case FCAVTAL__V1__RENDER_REPLY__BODY_FOLLOW:
        return print_follow(r->follow);
    default: {
        json_t *doc = pbj_oneof_to_json(reply, r->body_case);
        int rc = cli_print_json(doc) == CLI_OK ? 0 : -1;
        json_decref(doc);
        return rc;
    }
    }
}
