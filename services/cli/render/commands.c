/* fcavtal render: the agreement documents of fcavtal-render (docs/render.md).
 *
 *   fcavtal render AGREEMENT --format pdf|html|md [-o FILE] [--version N] [--review-copy]
 *   fcavtal render list AGREEMENT [--version N] [--format F] [--limit N]
 *   fcavtal render verify AGREEMENT FILE [--version N] [--format F]
 *   fcavtal render status
 *
 * The service is found like every other (--render EP, $FCAVTAL_RENDER, the
 * config file's [render] section). A document is written whole or not at
 * all: the bytes go to FILE.part and are renamed once every page arrived
 * with the stored size. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fcavtal/pbjson.h"
#include "format.h"
#include "render.h"

/* The service refuses requests over its --max-request (4 MiB by default). */
#define VERIFY_MAX ((size_t)4 << 20)

/* ------------------------------------------------------------ arguments */

static int agreement_arg(const char *text, json_int_t *id)
{
    return cli_id_arg(text, "AGREEMENT", id);
}

static int version_arg(const cli_args_t *a, json_t *body)
{
    const char *text = cli_arg(a, "version");
    unsigned long long v = 0;
    if (!text)
        return 0;
    if (cli_parse_id(text, &v) != 0 || v == 0 || v > UINT32_MAX) {
        fprintf(stderr, "error: --version must be a version number (1, 2, ...)\n");
        return -1;
    }
    return json_object_set_new(body, "version", json_integer((json_int_t)v));
}

/* The wire's names of the formats ("markdown"), from what people type. */
static int format_arg(const cli_args_t *a, bool required, json_t *body)
{
    static const struct { const char *typed, *wire; } NAMES[] = {
        { "pdf", "pdf" }, { "html", "html" }, { "md", "markdown" }, { "markdown", "markdown" } };
    const char *text = cli_arg(a, "format");
    if (!text && !required)
        return 0;
    for (size_t i = 0; text && i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (!strcmp(text, NAMES[i].typed))
            return json_object_set_new(body, "format", json_string(NAMES[i].wire));
    fprintf(stderr, "error: --format is pdf, html or md%s%s%s\n", text ? ", not '" : "",
            text ? text : "", text ? "'" : "");
    return -1;
}

/* A body {agreement_id, version?, format?}; NULL with a usage error printed. */
static json_t *target(const cli_args_t *a, bool format_required)
{
    json_int_t id;
    json_t *body = json_object();
    if (!body || agreement_arg(a->positional[0], &id)
        || json_object_set_new(body, "agreement_id", json_integer(id))
        || version_arg(a, body) || format_arg(a, format_required, body)) {
        json_decref(body);
        return NULL;
    }
    return body;
}

/* -o is the one short option, as in most tools that write a file. */
static char **long_options(int argc, char **argv)
{
    if (argc < 0)
        return NULL;
    char **out = calloc((size_t)argc + 1, sizeof *out);
    for (int i = 0; out && i < argc; i++)
        out[i] = strcmp(argv[i], "-o") == 0 ? (char *)"--output" : argv[i];
    return out;
}

/* ------------------------------------------------------------ render */

static const cli_flag_t render_flags[] = {
    {"format", NULL, FLAG_STRING, "pdf, html or md (required)"},
    {"output", NULL, FLAG_STRING, "file to write (-o; default: the suggested name)"},
    {"version", NULL, FLAG_NUM, "this version (default: the current one)"},
    {"review-copy", NULL, FLAG_BOOL, "mark a final version UTKAST (a copy for review)"},
    {0},
};

/* Every page of the rendering into `out`; the total checked against the
 * stored size. */
static int fetch_to(cli_t *cli, const Fcavtal__V1__RenderingInfo *info, FILE *out)
{
    uint64_t offset = 0, written = 0;
    do {
        json_t *body = json_pack("{sI sI}", "rendering_id", (json_int_t)info->id, "offset",
                                 (json_int_t)offset);
        ProtobufCMessage *got;
        int rc = cli_call(cli, "get_rendering", body, true, &got);
        if (rc != CLI_OK)
            return rc;
        const Fcavtal__V1__Rendering *r = ((render_reply_t *)got)->rendering;
        size_t n = r->content.len ? fwrite(r->content.data, 1, r->content.len, out) : 0;
        bool short_write = n != r->content.len;
        written += n;
        offset = r->next_offset;
        protobuf_c_message_free_unpacked(got, NULL);
        if (short_write) {
            fprintf(stderr, "error: cannot write the document: %s\n", strerror(errno));
            return CLI_FAILED;
        }
    } while (offset);
    if (written != info->size) {
        fprintf(stderr, "error: got %llu bytes of a %llu-byte document\n",
                (unsigned long long)written, (unsigned long long)info->size);
        return CLI_FAILED;
    }
    return CLI_OK;
}

static int write_document(cli_t *cli, const Fcavtal__V1__RenderingInfo *info, const char *path)
{
    char part[4096];
    if ((size_t)snprintf(part, sizeof part, "%s.part", path) >= sizeof part) {
        fprintf(stderr, "error: the file name is too long\n");
        return CLI_USAGE;
    }
    FILE *f = fopen(part, "wb");
    if (!f) {
        fprintf(stderr, "error: cannot create %s: %s\n", part, strerror(errno));
        return CLI_FAILED;
    }
    int rc = fetch_to(cli, info, f);
    if (fclose(f) != 0 && rc == CLI_OK) {
        fprintf(stderr, "error: cannot write %s: %s\n", part, strerror(errno));
        rc = CLI_FAILED;
    }
    if (rc == CLI_OK && rename(part, path) != 0) {
        fprintf(stderr, "error: cannot rename %s to %s: %s\n", part, path, strerror(errno));
        rc = CLI_FAILED;
    }
    if (rc != CLI_OK)
        remove(part);
    return rc;
}

static void print_written(const Fcavtal__V1__Rendered *r, const char *path)
{
    const Fcavtal__V1__RenderingInfo *i = r->info;
    char date[16];
    printf("%s: agreement %llu version %u, %s%s", path, (unsigned long long)i->agreement_id,
           i->version, cli_render_format_name(i->format), i->draft ? ", UTKAST" : "");
    if (i->pages)
        printf(", %u page%s", i->pages, i->pages == 1 ? "" : "s");
    printf(", %llu bytes, dated %s%s\n", (unsigned long long)i->size,
           fmt_date(i->document_date, date, sizeof date),
           r->created ? "" : " (stored rendering)");
    printf("sha256 %s\n", i->sha256);
    for (size_t k = 0; k < i->n_warnings; k++)
        fprintf(stderr, "warning: draft: %s\n", i->warnings[k]);
}

static int run_render(cli_t *cli, const cli_args_t *a)
{
    json_t *body = target(a, true);
    if (!body)
        return CLI_USAGE;
    if (cli_arg_has(a, "review-copy") && json_object_set_new(body, "review_copy", json_true())) {
        json_decref(body);
        return CLI_FAILED;
    }
    ProtobufCMessage *got;
    int rc = cli_call(cli, "render_agreement", body, false, &got);
    if (rc != CLI_OK)
        return rc;
    const Fcavtal__V1__Rendered *r = ((render_reply_t *)got)->rendered;
    const char *path = cli_arg(a, "output");
    if (!path)
        path = r->info->file_name;
    rc = write_document(cli, r->info, path);
    if (rc == CLI_OK && cli->json) {
        json_t *doc = pbj_to_json(&r->base);
        rc = cli_print_json(doc);
        json_decref(doc);
    } else if (rc == CLI_OK) {
        print_written(r, path);
    }
    protobuf_c_message_free_unpacked(got, NULL);
    return rc;
}

/* ------------------------------------------------------------ list */

static const cli_flag_t list_flags[] = {
    {"version", NULL, FLAG_NUM, "only this version"},
    {"format", NULL, FLAG_STRING, "only pdf, html or md"},
    {"limit", NULL, FLAG_NUM, "stop after N (default: all, fetched page by page)"},
    {0},
};

static int run_list(cli_t *cli, const cli_args_t *a)
{
    json_t *body = target(a, false);
    if (!body)
        return CLI_USAGE;
    const char *limit = cli_arg(a, "limit");
    ProtobufCMessage *got;
    bool more = false;
    int rc = cli_list(cli, "list_renderings", body, limit ? strtoul(limit, NULL, 10) : 0, &got,
                      &more);
    if (rc != CLI_OK)
        return rc;
    rc = cli_output(cli, got);
    if (more)
        fprintf(stderr, "(more renderings follow: raise --limit)\n");
    protobuf_c_message_free_unpacked(got, NULL);
    return rc;
}

/* ------------------------------------------------------------ verify */

static uint8_t *read_file(const char *path, size_t *size)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f || fstat(fileno(f), &st) != 0) {
        fprintf(stderr, "error: cannot read %s: %s\n", path, strerror(errno));
        if (f)
            fclose(f);
        return NULL;
    }
    if ((size_t)st.st_size > VERIFY_MAX - 4096) {
        fprintf(stderr, "error: %s is %lld bytes, more than one request carries; stored "
                        "documents are smaller: is it the right file?\n",
                path, (long long)st.st_size);
        fclose(f);
        return NULL;
    }
    uint8_t *data = malloc((size_t)st.st_size + 1);
    *size = data ? fread(data, 1, (size_t)st.st_size, f) : 0;
    bool ok = data && *size == (size_t)st.st_size;
    fclose(f);
    if (!ok) {
        fprintf(stderr, "error: cannot read %s\n", path);
        free(data);
        return NULL;
    }
    return data;
}

static void print_verdict(const Fcavtal__V1__Verification *v, const char *path,
                          uint64_t agreement)
{
    if (v->matches) {
        printf("%s matches rendering %llu of agreement %llu (version %u, %s%s)\nsha256 %s\n",
               path, (unsigned long long)v->stored->id,
               (unsigned long long)v->stored->agreement_id, v->stored->version,
               cli_render_format_name(v->stored->format), v->stored->draft ? ", UTKAST" : "",
               v->sha256);
        return;
    }
    printf("%s does NOT match any of the %u stored rendering%s of agreement %llu\n"
           "sha256 %s (file)\n",
           path, v->compared, v->compared == 1 ? "" : "s", (unsigned long long)agreement,
           v->sha256);
    if (v->stored)
        printf("sha256 %s (newest stored: rendering %llu, version %u, %s)\n", v->stored->sha256,
               (unsigned long long)v->stored->id, v->stored->version,
               cli_render_format_name(v->stored->format));
}

static int run_verify(cli_t *cli, const cli_args_t *a)
{
    json_t *body = target(a, false);
    if (!body)
        return CLI_USAGE;
    uint64_t agreement = (uint64_t)json_integer_value(json_object_get(body, "agreement_id"));
    size_t size = 0;
    uint8_t *data = read_file(a->positional[1], &size);
    json_t *wrap = json_object();
    ProtobufCMessage *req = NULL;
    if (data && wrap && !json_object_set_new(wrap, "verify_rendering", body)) {
        body = NULL;
        pbj_error_t err;
        req = pbj_from_json(cli->service->def->request, wrap, NULL, &err);
    }
    json_decref(body);
    json_decref(wrap);
    if (!req) {
        free(data);
        if (data)
            fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    /* The bytes go in as they are, not through JSON's base64. */
    Fcavtal__V1__VerifyRendering *q = ((Fcavtal__V1__RenderRequest *)req)->verify_rendering;
    q->content.data = data;
    q->content.len = size;
    ProtobufCMessage *got;
    int rc = cli_send(cli, req, &got, NULL, NULL);
    protobuf_c_message_free_unpacked(req, NULL);
    if (rc != CLI_OK)
        return rc;
    const Fcavtal__V1__Verification *v = ((render_reply_t *)got)->verification;
    if (cli->json) {
        json_t *doc = pbj_to_json(&v->base);
        rc = cli_print_json(doc);
        json_decref(doc);
    } else {
        print_verdict(v, a->positional[1], agreement);
    }
    if (rc == CLI_OK && !v->matches)
        rc = CLI_FAILED;
    protobuf_c_message_free_unpacked(got, NULL);
    return rc;
}

/* ------------------------------------------------------------ status */

static int run_status(cli_t *cli, const cli_args_t *a)
{
    (void)a;
    return cli_run(cli, "follow_status", json_object());
}

/* ------------------------------------------------------------ dispatch */

/* "render AGREEMENT" is reached by an id in the subcommand's place; its
 * line here is what the group's usage shows. */
static int literal_agreement(cli_t *cli, const cli_args_t *a)
{
    (void)cli, (void)a;
    fprintf(stderr, "error: AGREEMENT is an agreement id: fcavtal render 3 --format pdf\n");
    return CLI_USAGE;
}

static const cli_sub_t SUBS[] = {
    {"AGREEMENT", "--format pdf|html|md [-o FILE]", 0,
     "render an agreement and write the document to a file", render_flags, literal_agreement},
    {"list", "AGREEMENT", 1, "list an agreement's stored renderings with their SHA-256",
     list_flags, run_list},
    {"verify", "AGREEMENT FILE", 2,
     "check a file against the SHA-256 stored when the agreement was rendered", list_flags,
     run_verify},
    {"status", NULL, 0, "how far the service's copy of the registry has come", NULL,
     run_status},
    {NULL, NULL, 0, NULL, NULL, NULL},
};

static int render_document(cli_t *cli, int argc, char **argv)
{
    cli_args_t a;
    if (cli_args_parse(argc, argv, render_flags, &a) != 0)
        return CLI_USAGE;
    if (a.help) {
        printf("usage: fcavtal render AGREEMENT --format pdf|html|md [-o FILE] [options]\n\n"
               "Render an agreement and write the document to a file, printing its SHA-256.\n"
               "\noptions:\n");
        fflush(stdout);
        cli_print_flags(render_flags);
        return CLI_OK;
    }
    if (a.n_positional != 1) {
        fprintf(stderr, "error: 'fcavtal render' takes 1 argument: AGREEMENT\n");
        return CLI_USAGE;
    }
    return run_render(cli, &a);
}

int cmd_render(cli_t *cli, int argc, char **argv)
{
    bool sub = argc > 0 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")
                            || !strcmp(argv[0], "help"));
    for (const cli_sub_t *s = SUBS; argc > 0 && s->name && !sub; s++)
        sub = !strcmp(argv[0], s->name);
    if (argc == 0 || sub)
        return cli_dispatch(cli, "render", SUBS, argc, argv);
    char **args = long_options(argc, argv);
    if (!args) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    int rc = render_document(cli, argc, args);
    free(args);
    return rc;
}
