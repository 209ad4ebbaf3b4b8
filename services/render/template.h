/* A parsed template: a tree of text, placeholders and blocks, shared by the
 * parser (parse.c) and the filler (fill.c). Text nodes point into the
 * template's sources, which the template owns. */
#ifndef RND_TEMPLATE_H
#define RND_TEMPLATE_H

#include <stddef.h>

#include "buffer.h"
#include "fcavtal/render.h"

typedef enum { TN_TEXT, TN_VALUE, TN_IF, TN_EACH, TN_MANDATORY } rnd__tnode_kind_t;

typedef struct {
    char *text;          /* "centre.address.city", as written */
    char **segs;         /* "centre", "address", "city" */
    size_t count;
} rnd__path_t;

typedef struct rnd__tnode rnd__tnode_t;

typedef struct {
    rnd__tnode_t **items;
    size_t count, cap;
} rnd__tlist_t;

struct rnd__tnode {
    rnd__tnode_kind_t kind;
    const char *file;    /* owned by the template */
    unsigned line;
    const char *text;    /* TN_TEXT */
    size_t len;
    rnd__path_t path;    /* TN_VALUE, TN_IF, TN_EACH */
    char *title;         /* TN_MANDATORY */
    rnd__path_t *paths;  /* TN_MANDATORY: what must not be empty */
    size_t path_count;
    rnd__tlist_t body;   /* TN_IF then-part, TN_EACH, TN_MANDATORY */
    rnd__tlist_t alt;    /* TN_IF else-part */
};

struct rnd_template {
    char *name;
    char **files;        /* file names, as named in messages */
    size_t file_count;
    char **sources;      /* NUL-terminated source texts */
    size_t source_count;
    size_t source_bytes; /* all sources together, bounded */
    rnd__tlist_t root;
    char sha256[65];
};

/* Reads `name` from beneath the folder: the bytes (NUL-terminated, owned by
 * the caller) or an error naming why it was refused. */
fc_status_t rnd__folder_read(const rnd_folder_t *folder, const char *name,
                             size_t max_bytes, char **text, size_t *len,
                             rnd_error_t *err);

/* What filling found besides the text: the empty mandatory sections. */
typedef struct {
    char **missing;
    size_t missing_count;
} rnd__fill_report_t;

void rnd__fill_report_free(rnd__fill_report_t *report);

/* Fills t from ctx into out (Markdown). FC_OK with report filled, or an
 * error (unknown placeholder, wrong kind of value, output over its limit). */
fc_status_t rnd__fill(const rnd_template_t *t, const rnd_value_t *ctx, rnd__buf_t *out,
                      rnd__fill_report_t *report, rnd_error_t *err);

/* Appends text to out so that CommonMark reads it back as exactly that text
 * (escape.c). */
bool rnd__markdown_escape(rnd__buf_t *out, const char *text);

#endif
