/* The template parser: one forward pass over each file, so the work is
 * linear in the template's bytes. Syntax (docs/render.md):
 *
 *   {{path.to.value}}                      text, escaped for Markdown
 *   {{#if path}} ... {{else}} ... {{/if}}
 *   {{#each path}} ... {{/each}}           with @index, @number, @first, @last
 *   {{#mandatory "Title" path ...}} ... {{/mandatory}}
 *   {{> file.md}}                          include, from the template folder
 *   {{! comment }}
 *
 * A block tag alone on its line takes the whole line with it, so blocks do
 * not leave blank lines that would change the Markdown. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "template.h"

#define FILE_MAX_BYTES ((size_t)1 << 20)
#define TOTAL_MAX_BYTES ((size_t)4 << 20)
#define INCLUDE_MAX_DEPTH 8
#define NESTING_MAX 32
#define TAG_MAX 512

typedef struct {
    rnd__tnode_t *node;     /* the open block */
    rnd__tlist_t *target;   /* where its content goes now */
    const char *tag;        /* "if", "each", "mandatory" */
    unsigned line;
    char *display;          /* "{{#each parties}}", for messages */
} frame_t;

typedef struct {
    rnd_template_t *t;
    const rnd_folder_t *folder;
    crypto_hash_sha256_state hash;
    const char *include_stack[INCLUDE_MAX_DEPTH + 1];
    size_t include_depth;
    rnd_error_t *err;
} parser_t;

/* ---------------------------------------------------------------- nodes */
static void tlist_free(rnd__tlist_t *list);

static void path_free(rnd__path_t *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->segs[i]);
    free(p->segs);
    free(p->text);
    memset(p, 0, sizeof *p);
}

static void tnode_free(rnd__tnode_t *n)
{
    if (!n)
        return;
    path_free(&n->path);
    for (size_t i = 0; i < n->path_count; i++)
        path_free(&n->paths[i]);
    free(n->paths);
    free(n->title);
    tlist_free(&n->body);
    tlist_free(&n->alt);
    free(n);
}

static void tlist_free(rnd__tlist_t *list)
{
    for (size_t i = 0; i < list->count; i++)
        tnode_free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

static bool tlist_push(rnd__tlist_t *list, rnd__tnode_t *n)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        rnd__tnode_t **items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return false;
        list->items = items;
        list->cap = cap;
    }
    list->items[list->count++] = n;
    return true;
}

void rnd_template_destroy(rnd_template_t **template_p)
{
    if (!template_p || !*template_p)
        return;
    rnd_template_t *t = *template_p;
    tlist_free(&t->root);
    for (size_t i = 0; i < t->file_count; i++)
        free(t->files[i]);
    for (size_t i = 0; i < t->source_count; i++)
        free(t->sources[i]);
    free(t->files);
    free(t->sources);
    free(t->name);
    free(t);
    *template_p = NULL;
}

const char *rnd_template_name(const rnd_template_t *t) { return t->name; }
const char *rnd_template_sha256(const rnd_template_t *t) { return t->sha256; }

/* ---------------------------------------------------------------- paths */
static bool ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

static bool is_loop_variable(const char *s)
{
    return !strcmp(s, "@index") || !strcmp(s, "@number") || !strcmp(s, "@first") ||
           !strcmp(s, "@last");
}

/* Parses "a.b.c" (n bytes) into p. Returns NULL, or why it is malformed. */
static const char *path_parse(const char *s, size_t n, rnd__path_t *p)
{
    memset(p, 0, sizeof *p);
    if (n == 0)
        return "empty placeholder";
    p->text = strndup(s, n);
    if (!p->text)
        return "out of memory";
    size_t i = 0;
    while (i <= n) {
        size_t start = i;
        if (i < n && s[i] == '@')
            i++;
        while (i < n && ident_char(s[i]))
            i++;
        if (i == start || (s[start] == '@' && i == start + 1))
            return "empty or malformed path part";
        if (i < n && s[i] != '.')
            return "a path holds only letters, digits, '_', '.' and '@' names";
        char **segs = realloc(p->segs, (p->count + 1) * sizeof *segs);
        if (!segs)
            return "out of memory";
        p->segs = segs;
        p->segs[p->count] = strndup(s + start, i - start);
        if (!p->segs[p->count])
            return "out of memory";
        p->count++;
        i++; /* past '.', or past the end */
    }
    for (size_t k = 0; k < p->count; k++) {
        const char *seg = p->segs[k];
        if (seg[0] != '@')
            continue;
        if (is_loop_variable(seg) && k == 0 && p->count == 1)
            continue;
        if (!strcmp(seg, "@count") && k > 0 && k == p->count - 1)
            continue;
        return "'@' names are @index, @number, @first, @last (alone) and @count (last, after a list)";
    }
    return NULL;
}

/* ---------------------------------------------------------------- scanning */
typedef struct {
    const char *src;
    size_t len;
    const char *file;
    size_t pos;          /* scanned up to here */
    unsigned line;       /* line of pos */
    size_t line_start;   /* offset where pos's line starts */
} cursor_t;

static void advance(cursor_t *c, size_t to)
{
    for (size_t i = c->pos; i < to; i++)
        if (c->src[i] == '\n') {
            c->line++;
            c->line_start = i + 1;
        }
    c->pos = to;
}

static bool blank(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

static rnd__tnode_t *node_new(rnd__tnode_kind_t kind, const char *file, unsigned line)
{
    rnd__tnode_t *n = calloc(1, sizeof *n);
    if (n) {
        n->kind = kind;
        n->file = file;
        n->line = line;
    }
    return n;
}

static fc_status_t oom(parser_t *p)
{
    return rnd__fail(p->err, FC_RESOURCE_EXHAUSTED, "out of memory");
}

static fc_status_t emit_text(parser_t *p, rnd__tlist_t *target, const cursor_t *c,
                             size_t from, size_t to, unsigned line)
{
    if (to <= from)
        return FC_OK;
    rnd__tnode_t *n = node_new(TN_TEXT, c->file, line);
    if (!n || !tlist_push(target, n)) {
        free(n);
        return oom(p);
    }
    n->text = c->src + from;
    n->len = to - from;
    return FC_OK;
}

static fc_status_t parse_file(parser_t *p, const char *file, const char *src, size_t len,
                              rnd__tlist_t *target);

static fc_status_t include_file(parser_t *p, const cursor_t *c, const char *name,
                                rnd__tlist_t *target)
{
    if (!p->folder)
        return rnd__fail(p->err, FC_PERMISSION_DENIED,
                         "%s:%u: include '%s' refused: this template has no folder",
                         c->file, c->line, name);
    if (p->include_depth >= INCLUDE_MAX_DEPTH)
        return rnd__fail(p->err, FC_INVALID_ARGUMENT,
                         "%s:%u: includes nested deeper than %d", c->file, c->line,
                         INCLUDE_MAX_DEPTH);
    for (size_t i = 0; i <= p->include_depth; i++)
        if (!strcmp(p->include_stack[i], name))
            return rnd__fail(p->err, FC_INVALID_ARGUMENT,
                             "%s:%u: include '%s' includes itself", c->file, c->line, name);
    size_t room = TOTAL_MAX_BYTES - p->t->source_bytes;
    char *text = NULL;
    size_t len = 0;
    rnd_error_t inner = RND_ERROR_INIT;
    fc_status_t st = rnd__folder_read(p->folder, name, room < FILE_MAX_BYTES ? room : FILE_MAX_BYTES,
                                      &text, &len, &inner);
    if (st != FC_OK) {
        rnd__fail(p->err, st, "%s:%u: %s", c->file, c->line, inner.message);
        rnd_error_reset(&inner);
        return st;
    }
    p->include_stack[++p->include_depth] = name;
    st = parse_file(p, name, text, len, target);
    p->include_depth--;
    return st;
}

static bool parse_title(const char **s, const char *end, char **title)
{
    const char *q = *s;
    if (q >= end || *q != '"')
        return false;
    const char *close = memchr(q + 1, '"', (size_t)(end - q - 1));
    if (!close || close == q + 1)
        return false;
    *title = strndup(q + 1, (size_t)(close - q - 1));
    *s = close + 1;
    return *title != NULL;
}

/* {{#mandatory "Title" path path ...}} */
static const char *parse_mandatory(rnd__tnode_t *n, const char *args, size_t len)
{
    const char *s = args, *end = args + len;
    if (!parse_title(&s, end, &n->title))
        return "{{#mandatory}} needs a quoted section title";
    while (s < end) {
        while (s < end && *s == ' ')
            s++;
        if (s >= end)
            break;
        const char *w = s;
        while (s < end && *s != ' ')
            s++;
        rnd__path_t *paths = realloc(n->paths, (n->path_count + 1) * sizeof *paths);
        if (!paths)
            return "out of memory";
        n->paths = paths;
        const char *why = path_parse(w, (size_t)(s - w), &n->paths[n->path_count]);
        n->path_count++;
        if (why)
            return why;
    }
    return NULL;
}

typedef enum { TAG_VALUE, TAG_OPEN, TAG_ELSE, TAG_CLOSE, TAG_COMMENT, TAG_INCLUDE } tag_kind_t;

static tag_kind_t classify(const char *tag)
{
    switch (tag[0]) {
    case '#': return TAG_OPEN;
    case '/': return TAG_CLOSE;
    case '!': return TAG_COMMENT;
    case '>': return TAG_INCLUDE;
    default: return strcmp(tag, "else") == 0 ? TAG_ELSE : TAG_VALUE;
    }
}

static size_t word_len(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != ' ')
        n++;
    return n;
}

static const char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static fc_status_t open_block(parser_t *p, const cursor_t *c, const char *tag,
                              frame_t *stack, size_t *depth, rnd__tlist_t **target)
{
    const char *word = tag + 1;
    size_t wl = word_len(word);
    const char *args = word + wl;
    while (*args == ' ')
        args++;
    rnd__tnode_kind_t kind;
    const char *name;
    if (wl == 2 && !strncmp(word, "if", 2))
        kind = TN_IF, name = "if";
    else if (wl == 4 && !strncmp(word, "each", 4))
        kind = TN_EACH, name = "each";
    else if (wl == 9 && !strncmp(word, "mandatory", 9))
        kind = TN_MANDATORY, name = "mandatory";
    else
        return rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: unknown block '{{%s}}'",
                         c->file, c->line, tag);
    if (*depth >= NESTING_MAX)
        return rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: blocks nested deeper than %d",
                         c->file, c->line, NESTING_MAX);
    rnd__tnode_t *n = node_new(kind, c->file, c->line);
    if (!n || !tlist_push(*target, n)) {
        free(n);
        return oom(p);
    }
    const char *why = kind == TN_MANDATORY ? parse_mandatory(n, args, strlen(args))
                                           : path_parse(args, strlen(args), &n->path);
    if (why)
        return rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: {{#%s}}: %s", c->file, c->line,
                         name, why);
    frame_t *f = &stack[(*depth)++];
    f->node = n;
    f->target = &n->body;
    f->tag = name;
    f->line = c->line;
    f->display = strdup(tag);
    if (!f->display)
        return oom(p);
    *target = f->target;
    return FC_OK;
}

static fc_status_t close_block(parser_t *p, const cursor_t *c, const char *tag,
                               frame_t *stack, size_t *depth, rnd__tlist_t **target,
                               rnd__tlist_t *root)
{
    const char *name = tag + 1;
    if (*depth == 0)
        return rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: {{%s}} without an open block",
                         c->file, c->line, tag);
    frame_t *f = &stack[*depth - 1];
    if (strcmp(name, f->tag) != 0)
        return rnd__fail(p->err, FC_INVALID_ARGUMENT,
                         "%s:%u: {{%s}} closes {{%s}} opened at line %u", c->file, c->line,
                         tag, f->display, f->line);
    free(f->display);
    f->display = NULL;
    (*depth)--;
    *target = *depth ? stack[*depth - 1].target : root;
    return FC_OK;
}

static fc_status_t handle_tag(parser_t *p, const cursor_t *c, char *raw, frame_t *stack,
                              size_t *depth, rnd__tlist_t **target, rnd__tlist_t *root)
{
    const char *tag = trim(raw);
    switch (classify(tag)) {
    case TAG_COMMENT:
        return FC_OK;
    case TAG_INCLUDE: {
        const char *name = tag + 1;
        while (*name == ' ')
            name++;
        return include_file(p, c, name, *target);
    }
    case TAG_OPEN:
        return open_block(p, c, tag, stack, depth, target);
    case TAG_CLOSE:
        return close_block(p, c, tag, stack, depth, target, root);
    case TAG_ELSE: {
        frame_t *f = *depth ? &stack[*depth - 1] : NULL;
        if (!f || strcmp(f->tag, "if") != 0)
            return rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: {{else}} outside {{#if}}",
                             c->file, c->line);
        if (f->target == &f->node->alt)
            return rnd__fail(p->err, FC_INVALID_ARGUMENT,
                             "%s:%u: second {{else}} for {{%s}} opened at line %u", c->file,
                             c->line, f->display, f->line);
        f->target = &f->node->alt;
        *target = f->target;
        return FC_OK;
    }
    case TAG_VALUE:
        break;
    }
    rnd__tnode_t *n = node_new(TN_VALUE, c->file, c->line);
    if (!n || !tlist_push(*target, n)) {
        free(n);
        return oom(p);
    }
    const char *why = path_parse(tag, strlen(tag), &n->path);
    if (why)
        return rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: placeholder '{{%s}}': %s",
                         c->file, c->line, tag, why);
    return FC_OK;
}

static fc_status_t keep_source(parser_t *p, const char *file, const char *src, size_t len,
                               const char **file_kept)
{
    rnd_template_t *t = p->t;
    char **files = realloc(t->files, (t->file_count + 1) * sizeof *files);
    if (files)
        t->files = files;
    char **sources = realloc(t->sources, (t->source_count + 1) * sizeof *sources);
    if (sources)
        t->sources = sources;
    char *name = strdup(file);
    if (!files || !sources || !name) {
        free(name);
        return oom(p);
    }
    t->files[t->file_count++] = name;
    t->sources[t->source_count++] = (char *)src;
    t->source_bytes += len;
    crypto_hash_sha256_update(&p->hash, (const unsigned char *)src, len);
    *file_kept = name;
    return FC_OK;
}

/* Parses src (owned from here on, kept by the template) into target. */
static fc_status_t parse_file(parser_t *p, const char *file, const char *src, size_t len,
                              rnd__tlist_t *target)
{
    if (p->t->source_bytes + len > TOTAL_MAX_BYTES) {
        free((char *)src);
        return rnd__fail(p->err, FC_RESOURCE_EXHAUSTED,
                         "%s: template and includes exceed %zu bytes", file, TOTAL_MAX_BYTES);
    }
    const char *kept = file;
    if (keep_source(p, file, src, len, &kept) != FC_OK) {
        free((char *)src);
        return FC_RESOURCE_EXHAUSTED;
    }
    if (memchr(src, '\0', len))
        return rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s: contains a NUL byte", kept);
    cursor_t c = {.src = src, .len = len, .file = kept, .line = 1};
    frame_t stack[NESTING_MAX];
    size_t depth = 0;
    rnd__tlist_t *root = target;
    size_t text_start = 0;
    unsigned text_line = 1;
    fc_status_t st = FC_OK;
    const char *open;
    while (st == FC_OK && (open = strstr(src + c.pos, "{{")) != NULL) {
        size_t o = (size_t)(open - src);
        advance(&c, o);
        size_t close = o + 2;
        bool comment = src[close] == '!';
        if (comment) {
            /* A comment may run over several lines. */
            const char *end_comment = strstr(src + close, "}}");
            if (!end_comment) {
                st = rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: unclosed {{! comment",
                               kept, c.line);
                break;
            }
            close = (size_t)(end_comment - src);
        } else {
            while (close + 1 < len && src[close] != '\n' &&
                   !(src[close] == '}' && src[close + 1] == '}'))
                close++;
            if (close + 1 >= len || src[close] != '}') {
                st = rnd__fail(p->err, FC_INVALID_ARGUMENT,
                               "%s:%u: '{{' not closed by '}}' on the same line", kept, c.line);
                break;
            }
        }
        if (!comment && close - o - 2 > TAG_MAX) {
            st = rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: tag longer than %d bytes",
                           kept, c.line, TAG_MAX);
            break;
        }
        char raw[TAG_MAX + 1];
        size_t raw_len = comment ? 1 : close - o - 2;
        memcpy(raw, src + o + 2, raw_len);
        raw[raw_len] = '\0';
        size_t end = close + 2;
        size_t eol = end;
        while (eol < len && src[eol] != '\n')
            eol++;
        tag_kind_t kind = classify(trim(raw));
        bool standalone = kind != TAG_VALUE && c.line_start >= text_start &&
                          blank(src, c.line_start, o) && blank(src, end, eol);
        size_t text_end = standalone ? c.line_start : o;
        st = emit_text(p, target, &c, text_start, text_end, text_line);
        if (st == FC_OK)
            st = handle_tag(p, &c, raw, stack, &depth, &target, root);
        size_t next = standalone ? (eol < len ? eol + 1 : len) : end;
        advance(&c, next);
        text_start = next;
        text_line = c.line;
    }
    if (st == FC_OK) {
        advance(&c, len);
        st = emit_text(p, target, &c, text_start, len, text_line);
    }
    if (st == FC_OK && depth > 0)
        st = rnd__fail(p->err, FC_INVALID_ARGUMENT, "%s:%u: unclosed {{%s}} opened at line %u",
                       kept, c.line, stack[depth - 1].display, stack[depth - 1].line);
    for (size_t i = 0; i < depth; i++)
        free(stack[i].display);
    return st;
}

static fc_status_t parse_into(parser_t *p, const char *name, char *src, size_t len,
                              rnd_template_t **out)
{
    crypto_hash_sha256_init(&p->hash);
    p->include_stack[0] = name;
    fc_status_t st = parse_file(p, name, src, len, &p->t->root);
    if (st != FC_OK) {
        rnd_template_destroy(&p->t);
        return st;
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&p->hash, digest);
    sodium_bin2hex(p->t->sha256, sizeof p->t->sha256, digest, sizeof digest);
    *out = p->t;
    return FC_OK;
}

static rnd_template_t *template_new(const char *name)
{
    rnd_template_t *t = calloc(1, sizeof *t);
    if (t && !(t->name = strdup(name))) {
        free(t);
        t = NULL;
    }
    return t;
}

fc_status_t rnd_template_parse(const rnd_folder_t *folder, const char *name,
                               const char *text, size_t len, rnd_template_t **out,
                               rnd_error_t *err)
{
    *out = NULL;
    if (len > FILE_MAX_BYTES)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "%s: larger than %zu bytes", name,
                         FILE_MAX_BYTES);
    char *src = malloc(len + 1);
    parser_t p = {.t = template_new(name), .folder = folder, .err = err};
    if (!src || !p.t) {
        free(src);
        rnd_template_destroy(&p.t);
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    }
    memcpy(src, text, len);
    src[len] = '\0';
    return parse_into(&p, name, src, len, out);
}

fc_status_t rnd_template_load(const rnd_folder_t *folder, const char *name,
                              rnd_template_t **out, rnd_error_t *err)
{
    *out = NULL;
    char *src = NULL;
    size_t len = 0;
    fc_status_t st = rnd__folder_read(folder, name, FILE_MAX_BYTES, &src, &len, err);
    if (st != FC_OK)
        return st;
    parser_t p = {.t = template_new(name), .folder = folder, .err = err};
    if (!p.t) {
        free(src);
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    }
    return parse_into(&p, name, src, len, out);
}

/* ------------------------------------------------------- required sections */
static bool has_section(const rnd__tlist_t *list, const char *title)
{
    for (size_t i = 0; i < list->count; i++) {
        const rnd__tnode_t *n = list->items[i];
        if (n->kind == TN_MANDATORY && !strcmp(n->title, title))
            return true;
        if (has_section(&n->body, title) || has_section(&n->alt, title))
            return true;
    }
    return false;
}

fc_status_t rnd_template_require_sections(const rnd_template_t *t,
                                          const char *const *titles, size_t count,
                                          rnd_error_t *err)
{
    size_t absent = 0;
    for (size_t i = 0; i < count; i++) {
        if (has_section(&t->root, titles[i]))
            continue;
        absent++;
        if (!rnd__error_add_missing(err, titles[i]))
            return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    }
    if (absent)
        return rnd__fail(err, FC_FAILED_PRECONDITION,
                         "%s: %zu required section%s not marked {{#mandatory}}%s%s", t->name,
                         absent, absent == 1 ? "" : "s", err && err->missing_count ? ": " : "",
                         err && err->missing_count ? err->missing[0] : "");
    return FC_OK;
}
