/* Block markers and plain text of cmark nodes (stages.h). */
#include <string.h>

#include "stages.h"

static bool literal_is(const char *lit, const char *want)
{
    while (*lit == ' ')
        lit++;
    size_t n = strlen(lit);
    while (n && (lit[n - 1] == '\n' || lit[n - 1] == '\r' || lit[n - 1] == ' '))
        n--;
    return n == strlen(want) && !memcmp(lit, want, n);
}

rnd__mark_t rnd__marker(cmark_node *node)
{
    if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK)
        return RND_MARK_NONE;
    const char *lit = cmark_node_get_literal(node);
    if (!lit)
        return RND_MARK_OTHER;
    if (literal_is(lit, "<!-- signatur -->"))
        return RND_MARK_SIGN_OPEN;
    if (literal_is(lit, "<!-- /signatur -->"))
        return RND_MARK_SIGN_CLOSE;
    if (literal_is(lit, "<!-- sidbrytning -->"))
        return RND_MARK_PAGE_BREAK;
    return RND_MARK_OTHER;
}

bool rnd__plain_text(cmark_node *node, rnd__buf_t *out)
{
    cmark_iter *it = cmark_iter_new(node);
    if (!it)
        return false;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(it);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            rnd__buf_puts(out, cmark_node_get_literal(n));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            rnd__buf_putc(out, ' ');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
    return rnd__buf_ok(out);
}
