/* Heading numbers (1, 1.1, 1.1.1), written into the Markdown itself so the
 * Markdown, HTML and PDF of a document carry the same numbers, and sections
 * that a condition leaves out never leave a gap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "stages.h"

#define NUMBERED_MIN 2
#define NUMBERED_MAX 4

typedef struct {
    int line;
    int level;
} heading_t;

static bool collect(cmark_node *doc, heading_t **list, size_t *count)
{
    size_t cap = 0;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
            continue;
        if (*count == cap) {
            cap = cap ? cap * 2 : 32;
            heading_t *grown = realloc(*list, cap * sizeof *grown);
            if (!grown)
                return false;
            *list = grown;
        }
        (*list)[(*count)++] = (heading_t){cmark_node_get_start_line(n),
                                          cmark_node_get_heading_level(n)};
    }
    return true;
}

/* Writes one ATX heading line (without its newline) with its number. */
static bool number_line(rnd__buf_t *out, const char *line, size_t n, int level, int counters[])
{
    size_t i = 0;
    while (i < n && i < 3 && line[i] == ' ')
        i++;
    if (i >= n || line[i] != '#')
        return rnd__buf_put(out, line, n); /* setext: left as written */
    while (i < n && line[i] == '#')
        i++;
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    size_t end = n;
    while (end > i && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r'))
        end--;
    bool unnumbered = end - i >= 3 && !memcmp(line + end - 3, "{-}", 3) &&
                      (end - i == 3 || line[end - 4] == ' ');
    if (unnumbered) {
        end -= 3;
        while (end > i && line[end - 1] == ' ')
            end--;
    }
    if (!rnd__buf_put(out, line, i))
        return false;
    if (!unnumbered && level >= NUMBERED_MIN && level <= NUMBERED_MAX && end > i) {
        counters[level]++;
        for (int l = level + 1; l <= NUMBERED_MAX; l++)
            counters[l] = 0;
        for (int l = NUMBERED_MIN; l <= level; l++)
            rnd__buf_printf(out, l == NUMBERED_MIN ? "%d" : ".%d", counters[l]);
        rnd__buf_puts(out, level == NUMBERED_MIN ? ". " : " ");
    }
    return rnd__buf_put(out, line + i, end - i);
}

fc_status_t rnd__number_headings(const char *md, size_t len, rnd__buf_t *out, rnd_error_t *err)
{
    cmark_node *doc = cmark_parse_document(md, len, RND_CMARK_OPTIONS);
    if (!doc)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    heading_t *headings = NULL;
    size_t count = 0;
    bool ok = collect(doc, &headings, &count);
    cmark_node_free(doc);
    int counters[NUMBERED_MAX + 1] = {0};
    size_t h = 0, pos = 0;
    int line = 1;
    while (ok && pos < len) {
        const char *nl = memchr(md + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (md + pos)) : len - pos;
        if (h < count && headings[h].line == line)
            ok = number_line(out, md + pos, n, headings[h++].level, counters);
        else
            ok = rnd__buf_put(out, md + pos, n);
        if (ok && nl)
            ok = rnd__buf_putc(out, '\n');
        pos += n + (nl ? 1 : 0);
        line++;
    }
    free(headings);
    if (out->over_limit)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED,
                         "the document exceeds the output limit of %zu bytes", out->limit);
    if (!ok || !rnd__buf_ok(out))
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    if (!out->data)
        rnd__buf_put(out, "", 0);
    return FC_OK;
}
