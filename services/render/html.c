/* The HTML output: a complete, standalone HTML5 document (lang="sv",
 * UTF-8, styles inline) that a case-management system can archive and a
 * browser can print. The body is cmark's HTML of the numbered Markdown,
 * with the signature and page-break markers turned into elements. */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "stages.h"

static const char STYLE[] =
    "body{font-family:'DejaVu Serif',Georgia,serif;font-size:11pt;line-height:1.45;"
    "max-width:46em;margin:2em auto;padding:0 1.5em;color:#111}\n"
    "h1,h2,h3,h4{font-family:'DejaVu Sans',Verdana,sans-serif;line-height:1.25}\n"
    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1.05em}\n"
    "header.dokument{font-family:'DejaVu Sans',sans-serif;font-size:.8em;color:#444;"
    "border-bottom:1px solid #999;padding-bottom:.4em;display:flex;"
    "justify-content:space-between;gap:1em}\n"
    "p.utkast{font-family:'DejaVu Sans',sans-serif;font-weight:bold;color:#b00;"
    "letter-spacing:.3em;border:2px solid #b00;text-align:center;padding:.3em}\n"
    "body.utkast{background-image:linear-gradient(135deg,transparent 45%,"
    "rgba(180,0,0,.06) 45%,rgba(180,0,0,.06) 55%,transparent 55%)}\n"
    "section.signatur{display:inline-block;vertical-align:top;width:46%;margin:1em 2% 1em 0;"
    "break-inside:avoid;page-break-inside:avoid}\n"
    "section.signatur ul{list-style:none;padding:0}\n"
    "section.signatur li{border-top:1px solid #333;margin-top:2.2em;padding-top:.1em;"
    "font-family:'DejaVu Sans',sans-serif;font-size:.8em}\n"
    "div.sidbrytning{break-before:page;page-break-before:always}\n"
    "@media print{body{margin:0;max-width:none}}\n";

static bool put_escaped(rnd__buf_t *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': rnd__buf_puts(out, "&amp;"); break;
        case '<': rnd__buf_puts(out, "&lt;"); break;
        case '>': rnd__buf_puts(out, "&gt;"); break;
        case '"': rnd__buf_puts(out, "&quot;"); break;
        default: rnd__buf_putc(out, *s); break;
        }
    }
    return rnd__buf_ok(out);
}

static cmark_node *custom_block(const char *on_enter, const char *on_exit)
{
    cmark_node *n = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    if (n && (!cmark_node_set_on_enter(n, on_enter) || !cmark_node_set_on_exit(n, on_exit))) {
        cmark_node_free(n);
        n = NULL;
    }
    return n;
}

/* Turns the markers among the document's blocks into elements. */
static bool convert_markers(cmark_node *doc)
{
    cmark_node *n = cmark_node_first_child(doc);
    while (n) {
        cmark_node *next = cmark_node_next(n);
        rnd__mark_t mark = rnd__marker(n);
        if (mark == RND_MARK_SIGN_OPEN) {
            cmark_node *section = custom_block("<section class=\"signatur\">", "</section>");
            if (!section || !cmark_node_insert_before(n, section))
                return false;
            while (next && rnd__marker(next) != RND_MARK_SIGN_CLOSE) {
                cmark_node *moved = next;
                next = cmark_node_next(next);
                cmark_node_append_child(section, moved);
            }
        } else if (mark == RND_MARK_PAGE_BREAK) {
            cmark_node *brk = custom_block("<div class=\"sidbrytning\"></div>", "");
            if (!brk || !cmark_node_insert_before(n, brk))
                return false;
        }
        if (mark != RND_MARK_NONE)
            cmark_node_free(n); /* unlinks it */
        n = next;
    }
    return true;
}

static void put_head(rnd__buf_t *out, const rnd_meta_t *meta)
{
    char date[FC_DATE_STRLEN];
    fc_date_format(meta->date, date);
    rnd__buf_puts(out, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<title>");
    put_escaped(out, meta->title);
    rnd__buf_puts(out, "</title>\n<meta name=\"generator\" content=\"fcavtal-render\">\n"
                       "<meta name=\"dcterms.identifier\" content=\"");
    put_escaped(out, meta->case_number);
    rnd__buf_printf(out, "\">\n<meta name=\"dcterms.date\" content=\"%s\">\n"
                         "<meta name=\"fcavtal.version\" content=\"%u\">\n<style>\n%s</style>\n"
                         "</head>\n<body%s>\n<header class=\"dokument\"><span>",
                    date, meta->version, STYLE, meta->draft ? " class=\"utkast\"" : "");
    put_escaped(out, meta->title);
    rnd__buf_puts(out, "</span><span>");
    if (meta->case_number[0]) {
        rnd__buf_puts(out, "Dnr ");
        put_escaped(out, meta->case_number);
        rnd__buf_puts(out, " · ");
    }
    rnd__buf_printf(out, "Version %u · %s%s</span></header>\n", meta->version, date,
                    meta->draft ? " · UTKAST" : "");
    if (meta->draft)
        rnd__buf_puts(out, "<p class=\"utkast\">UTKAST</p>\n");
}

fc_status_t rnd__html_render(const char *md, size_t len, const rnd_meta_t *meta,
                             rnd__buf_t *out, rnd_error_t *err)
{
    cmark_node *doc = cmark_parse_document(md, len, RND_CMARK_OPTIONS);
    if (!doc || !convert_markers(doc)) {
        cmark_node_free(doc);
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    }
    char *body = cmark_render_html(doc, RND_CMARK_OPTIONS);
    cmark_node_free(doc);
    if (!body)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    put_head(out, meta);
    rnd__buf_puts(out, "<main>\n");
    rnd__buf_puts(out, body);
    rnd__buf_puts(out, "</main>\n</body>\n</html>\n");
    free(body);
    if (out->over_limit)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED,
                         "the HTML document exceeds the output limit of %zu bytes", out->limit);
    if (!rnd__buf_ok(out))
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    return FC_OK;
}
