/* Filling a parsed template from a context: the Markdown text of the
 * document, and the mandatory sections that came out empty.
 *
 * Names resolve from the innermost {{#each}} item outwards to the root, so
 * inside {{#each parties}} "name" is the party's name and "centre.name"
 * still the centre's. A name found nowhere is a template error, not empty
 * data: the service puts every key in the context, with empty text or an
 * empty list when the registry has nothing. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "template.h"

typedef struct scope {
    const rnd_value_t *item;
    bool loop;                 /* an {{#each}} item: has @index ... */
    size_t index, count;
    const struct scope *up;
} scope_t;

typedef enum { R_VALUE, R_NUMBER, R_BOOL } result_kind_t;

typedef struct {
    result_kind_t kind;
    const rnd_value_t *value;
    size_t number;
    bool flag;
} result_t;

typedef struct {
    const rnd_template_t *t;
    rnd__buf_t *out;
    rnd__fill_report_t *report;
    rnd_error_t *err;
} filler_t;

void rnd__fill_report_free(rnd__fill_report_t *report)
{
    for (size_t i = 0; i < report->missing_count; i++)
        free(report->missing[i]);
    free(report->missing);
    memset(report, 0, sizeof *report);
}

static fc_status_t unknown(filler_t *f, const rnd__tnode_t *n, const rnd__path_t *p)
{
    return rnd__fail(f->err, FC_INVALID_ARGUMENT, "%s:%u: unknown placeholder '%s'", n->file,
                     n->line, p->text);
}

static fc_status_t loop_variable(filler_t *f, const rnd__tnode_t *n, const rnd__path_t *p,
                                 const scope_t *s, result_t *r)
{
    while (s && !s->loop)
        s = s->up;
    if (!s)
        return rnd__fail(f->err, FC_INVALID_ARGUMENT, "%s:%u: '%s' outside {{#each}}",
                         n->file, n->line, p->text);
    const char *v = p->segs[0];
    if (!strcmp(v, "@index") || !strcmp(v, "@number")) {
        r->kind = R_NUMBER;
        r->number = s->index + (v[1] == 'n' ? 1 : 0);
    } else {
        r->kind = R_BOOL;
        r->flag = !strcmp(v, "@first") ? s->index == 0 : s->index + 1 == s->count;
    }
    return FC_OK;
}

static fc_status_t resolve(filler_t *f, const rnd__tnode_t *n, const rnd__path_t *p,
                           const scope_t *scope, result_t *r)
{
    memset(r, 0, sizeof *r);
    if (p->segs[0][0] == '@')
        return loop_variable(f, n, p, scope, r);
    const rnd_value_t *v = NULL;
    size_t k = 1;
    if (!strcmp(p->segs[0], "this")) {
        v = scope->item;
    } else {
        for (const scope_t *s = scope; s && !v; s = s->up)
            v = rnd_map_get(s->item, p->segs[0]);
    }
    for (; v && k < p->count; k++) {
        if (!strcmp(p->segs[k], "@count")) {
            if (rnd_value_kind(v) == RND_TEXT)
                return rnd__fail(f->err, FC_INVALID_ARGUMENT,
                                 "%s:%u: '%s': @count of a text value", n->file, n->line,
                                 p->text);
            r->kind = R_NUMBER;
            r->number = rnd_value_count(v);
            return FC_OK;
        }
        v = rnd_map_get(v, p->segs[k]);
    }
    if (!v)
        return unknown(f, n, p);
    r->kind = R_VALUE;
    r->value = v;
    return FC_OK;
}

static bool text_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

static bool truthy(const result_t *r)
{
    switch (r->kind) {
    case R_NUMBER: return r->number != 0;
    case R_BOOL: return r->flag;
    case R_VALUE: break;
    }
    const char *text = rnd_value_text(r->value);
    return text ? !text_blank(text, strlen(text)) : rnd_value_count(r->value) > 0;
}

static fc_status_t over_limit(filler_t *f, const rnd__tnode_t *n)
{
    if (f->out->out_of_memory)
        return rnd__fail(f->err, FC_RESOURCE_EXHAUSTED, "out of memory");
    return rnd__fail(f->err, FC_RESOURCE_EXHAUSTED,
                     "%s:%u: the filled document exceeds the output limit of %zu bytes",
                     n->file, n->line, f->out->limit);
}

static fc_status_t fill_list(filler_t *f, const rnd__tlist_t *list, const scope_t *scope);

static fc_status_t fill_value(filler_t *f, const rnd__tnode_t *n, const scope_t *scope)
{
    result_t r;
    fc_status_t st = resolve(f, n, &n->path, scope, &r);
    if (st != FC_OK)
        return st;
    bool ok;
    if (r.kind == R_NUMBER) {
        ok = rnd__buf_printf(f->out, "%zu", r.number);
    } else if (r.kind == R_BOOL) {
        return rnd__fail(f->err, FC_INVALID_ARGUMENT, "%s:%u: '%s' is only for {{#if}}",
                         n->file, n->line, n->path.text);
    } else if (rnd_value_kind(r.value) != RND_TEXT) {
        return rnd__fail(f->err, FC_INVALID_ARGUMENT, "%s:%u: '%s' is a %s, not text",
                         n->file, n->line, n->path.text,
                         rnd_value_kind(r.value) == RND_LIST ? "list" : "map");
    } else {
        ok = rnd__markdown_escape(f->out, rnd_value_text(r.value));
    }
    return ok ? FC_OK : over_limit(f, n);
}

static fc_status_t fill_each(filler_t *f, const rnd__tnode_t *n, const scope_t *scope)
{
    result_t r;
    fc_status_t st = resolve(f, n, &n->path, scope, &r);
    if (st != FC_OK)
        return st;
    if (r.kind != R_VALUE || rnd_value_kind(r.value) != RND_LIST)
        return rnd__fail(f->err, FC_INVALID_ARGUMENT, "%s:%u: {{#each %s}}: not a list",
                         n->file, n->line, n->path.text);
    size_t count = rnd_value_count(r.value);
    for (size_t i = 0; i < count && st == FC_OK; i++) {
        scope_t inner = {.item = rnd_value_at(r.value, i), .loop = true, .index = i,
                         .count = count, .up = scope};
        st = fill_list(f, &n->body, &inner);
    }
    return st;
}

static fc_status_t add_missing(filler_t *f, const char *entry)
{
    rnd__fill_report_t *rep = f->report;
    char **list = realloc(rep->missing, (rep->missing_count + 1) * sizeof *list);
    if (!list)
        return rnd__fail(f->err, FC_RESOURCE_EXHAUSTED, "out of memory");
    rep->missing = list;
    if (!(rep->missing[rep->missing_count] = strdup(entry)))
        return rnd__fail(f->err, FC_RESOURCE_EXHAUSTED, "out of memory");
    rep->missing_count++;
    return FC_OK;
}

/* A mandatory section with paths is empty when any of them is; one without
 * paths when it rendered no text. */
static fc_status_t fill_mandatory(filler_t *f, const rnd__tnode_t *n, const scope_t *scope)
{
    rnd__buf_t empty;
    rnd__buf_init(&empty, 400);
    for (size_t i = 0; i < n->path_count; i++) {
        result_t r;
        fc_status_t st = resolve(f, n, &n->paths[i], scope, &r);
        if (st != FC_OK) {
            rnd__buf_free(&empty);
            return st;
        }
        if (!truthy(&r))
            rnd__buf_printf(&empty, "%s'%s'", empty.len ? ", " : "", n->paths[i].text);
    }
    size_t start = f->out->len;
    fc_status_t st = fill_list(f, &n->body, scope);
    bool no_text = f->out->len == start ||
                   text_blank(f->out->data + start, f->out->len - start);
    if (st == FC_OK && (empty.len || (n->path_count == 0 && no_text))) {
        char entry[RND_MESSAGE_MAX];
        if (empty.len)
            snprintf(entry, sizeof entry, "%s (%s:%u): %s %s empty", n->title, n->file,
                     n->line, empty.data, strchr(empty.data, ',') ? "are" : "is");
        else
            snprintf(entry, sizeof entry, "%s (%s:%u): the section has no text", n->title,
                     n->file, n->line);
        st = add_missing(f, entry);
    }
    rnd__buf_free(&empty);
    return st;
}

static fc_status_t fill_node(filler_t *f, const rnd__tnode_t *n, const scope_t *scope)
{
    switch (n->kind) {
    case TN_TEXT:
        return rnd__buf_put(f->out, n->text, n->len) ? FC_OK : over_limit(f, n);
    case TN_VALUE:
        return fill_value(f, n, scope);
    case TN_IF: {
        result_t r;
        fc_status_t st = resolve(f, n, &n->path, scope, &r);
        if (st != FC_OK)
            return st;
        return fill_list(f, truthy(&r) ? &n->body : &n->alt, scope);
    }
    case TN_EACH:
        return fill_each(f, n, scope);
    case TN_MANDATORY:
        return fill_mandatory(f, n, scope);
    }
    return FC_INTERNAL;
}

static fc_status_t fill_list(filler_t *f, const rnd__tlist_t *list, const scope_t *scope)
{
    for (size_t i = 0; i < list->count; i++) {
        fc_status_t st = fill_node(f, list->items[i], scope);
        if (st != FC_OK)
            return st;
    }
    return FC_OK;
}

fc_status_t rnd__fill(const rnd_template_t *t, const rnd_value_t *ctx, rnd__buf_t *out,
                      rnd__fill_report_t *report, rnd_error_t *err)
{
    memset(report, 0, sizeof *report);
    if (!ctx || rnd_value_kind(ctx) != RND_MAP)
        return rnd__fail(err, FC_INVALID_ARGUMENT, "the context must be a map");
    filler_t f = {.t = t, .out = out, .report = report, .err = err};
    scope_t root = {.item = ctx};
    fc_status_t st = fill_list(&f, &t->root, &root);
    if (st != FC_OK)
        rnd__fill_report_free(report);
    return st;
}
