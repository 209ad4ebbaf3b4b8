/* The document rendering engine behind fcavtal-render: fills a Markdown
 * template (docs/render.md) from a context (render_context.h) and renders
 * it as Markdown, a standalone HTML5 document, or an A4 PDF laid out with
 * Pango/Cairo. The same input always gives the same bytes; every document
 * comes with its SHA-256. A final document whose mandatory section has no
 * content is refused, listing what is missing; a draft carries "UTKAST". */
#ifndef FCAVTAL_RENDER_H
#define FCAVTAL_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "fcavtal/date.h"
#include "fcavtal/render_context.h"
#include "fcavtal/status.h"

/* ---------------------------------------------------------------- errors */
#define RND_MESSAGE_MAX 512

/* What went wrong, for people: "vg-local.md:42: unknown placeholder
 * 'centre.adress'". A refused final document also lists each empty
 * mandatory section, in document order, as
 * "Personalgrupp (vg-local.md:140): 'staff' is empty". Initialise with
 * RND_ERROR_INIT; rnd_error_reset frees the list. */
typedef struct {
    fc_status_t code;
    char message[RND_MESSAGE_MAX];
    char **missing;
    size_t missing_count;
} rnd_error_t;

#define RND_ERROR_INIT {FC_OK, {0}, NULL, 0}

void rnd_error_reset(rnd_error_t *err);

/* ------------------------------------------------------------- templates */
typedef struct rnd_folder rnd_folder_t;
typedef struct rnd_template rnd_template_t;

/* Opens a template folder. Templates and their includes are read only from
 * beneath it: absolute names, ".." and symbolic links that lead out are
 * refused (FC_PERMISSION_DENIED). */
fc_status_t rnd_folder_open(const char *path, rnd_folder_t **out, rnd_error_t *err);
void rnd_folder_destroy(rnd_folder_t **folder_p);

/* Reads and parses the template `name` (e.g. "vg-local.md") and its
 * includes. Syntax errors name the file and line (FC_INVALID_ARGUMENT). */
fc_status_t rnd_template_load(const rnd_folder_t *folder, const char *name,
                              rnd_template_t **out, rnd_error_t *err);
/* Parses a template held in memory; `name` is used in messages. With a NULL
 * folder, {{> include}} is refused. */
fc_status_t rnd_template_parse(const rnd_folder_t *folder, const char *name,
                               const char *text, size_t len,
                               rnd_template_t **out, rnd_error_t *err);
void rnd_template_destroy(rnd_template_t **template_p);
/* "vg-local.md" */
const char *rnd_template_name(const rnd_template_t *t);
/* SHA-256 (hex) over the template's source bytes, includes in the order
 * they are read: with the context, what a rendering depends on. */
const char *rnd_template_sha256(const rnd_template_t *t);
/* Refuses (FC_FAILED_PRECONDITION, listing each absent title) a template
 * that does not mark every one of `titles` as a mandatory section. */
fc_status_t rnd_template_require_sections(const rnd_template_t *t,
                                          const char *const *titles, size_t count,
                                          rnd_error_t *err);

/* ------------------------------------------------- choosing the template */
/* Same numbers as fcavtal.v1.AgreementKind and RuleSet. */
typedef enum {
    RND_AGREEMENT_FRAMEWORK = 1,
    RND_AGREEMENT_LOCAL = 2,
    RND_AGREEMENT_USE_RIGHT = 3
} rnd_agreement_kind_t;

typedef enum {
    RND_RULES_VG = 1,
    RND_RULES_OREBRO = 2,
    RND_RULES_NATIONAL = 3
} rnd_rule_set_t;

typedef struct {
    const char *file;              /* template file in the folder */
    const char *const *mandatory;  /* section titles the rules require */
    size_t mandatory_count;
    const char *source;            /* where the rules come from */
} rnd_template_choice_t;

/* The template for an agreement kind under a framework's rule set:
 * FC_OK and *out, or FC_NOT_FOUND with a message saying why. */
fc_status_t rnd_template_choose(rnd_agreement_kind_t kind, rnd_rule_set_t rules,
                                rnd_template_choice_t *out, rnd_error_t *err);

/* ---------------------------------------------------------------- engine */
typedef struct rnd_engine rnd_engine_t;

/* Holds what renderings share: the font map (DejaVu Serif and Sans).
 * One engine per thread. */
fc_status_t rnd_engine_new(rnd_engine_t **out, rnd_error_t *err);
void rnd_engine_destroy(rnd_engine_t **engine_p);

typedef enum {
    RND_FORMAT_MARKDOWN = 1,
    RND_FORMAT_HTML = 2,
    RND_FORMAT_PDF = 3
} rnd_format_t;

/* What the page header, the HTML head and the PDF metadata say. */
typedef struct {
    const char *title;        /* "Lokalt samverkansavtal – Familjecentralen Hjällbo" */
    const char *case_number;  /* diarienummer, opaque; may be empty */
    unsigned version;         /* the agreement version, 1, 2, ... */
    fc_date_t date;           /* the version's date: PDF creation and modification date */
    bool draft;               /* UTKAST on every page; empty mandatory sections allowed */
    size_t max_output;        /* bytes; 0: RND_DEFAULT_MAX_OUTPUT */
} rnd_meta_t;

#define RND_DEFAULT_MAX_OUTPUT ((size_t)16 * 1024 * 1024)

typedef struct {
    rnd_format_t format;
    unsigned char *bytes;     /* owned */
    size_t size;
    char sha256[65];          /* hex, lower case */
    unsigned pages;           /* PDF: page count; else 0 */
    char **warnings;          /* a draft: its empty mandatory sections */
    size_t warning_count;
} rnd_document_t;

/* Renders t filled from ctx. FC_OK and *out; or FC_INVALID_ARGUMENT (bad
 * meta, unknown placeholder, wrong kind of value: file and line named),
 * FC_FAILED_PRECONDITION (final document with empty mandatory sections:
 * err->missing lists them), FC_RESOURCE_EXHAUSTED (output over the limit,
 * or out of memory), FC_INTERNAL (Cairo failed). */
fc_status_t rnd_render(rnd_engine_t *engine, const rnd_template_t *t,
                       const rnd_value_t *ctx, const rnd_meta_t *meta,
                       rnd_format_t format, rnd_document_t **out, rnd_error_t *err);
void rnd_document_destroy(rnd_document_t **doc_p);

/* "text/markdown; charset=utf-8", "text/html; charset=utf-8", "application/pdf" */
const char *rnd_format_media_type(rnd_format_t format);

/* ----------------------------------------------------------------- digest */
void rnd_sha256_hex(const void *bytes, size_t size, char hex[65]);
/* True when bytes hash to `hex` (64 hex digits, either case). */
bool rnd_sha256_verify(const void *bytes, size_t size, const char *hex);

#endif
