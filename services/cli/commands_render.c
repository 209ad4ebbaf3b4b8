/* fcavtal render: the agreement documents of fcavtal-render (docs/render.md).
 *
 *   fcavtal render AGREEMENT --format pdf|html|md [-o FILE] [--version N] [--review-copy]
 *   fcavtal render list AGREEMENT [--version N] [--format F]
 *   fcavtal render verify AGREEMENT FILE [--version N] [--format F]
 *
 * The document service has an endpoint of its own (--render-endpoint,
 * $FCAVTAL_RENDER). A document is written whole or not at all: the bytes go
 * to FILE.part and are renamed once every page has arrived and the size is
 * the stored one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "fcavtal/v1/render.pb-c.h"
#include "pbjson.h"
#include "print.h"
#include "table.h"

typedef Fcavtal__V1__RenderRequest render_req_t;
typedef Fcavtal__V1__RenderReply render_rep_t;

/* The service refuses requests over its --max-request (4 MiB by default). */
#define VERIFY_MAX ((size_t)4 << 20)

/* ------------------------------------------------------------ round trip */

static int ensure_render_client(cli_t *cli)
{
    if (cli->render_client)
        return CLI_OK;
    fc_client_opts_t opts = {
        .endpoint = cli->render_endpoint,
        .server_public_key = cli->render_key,
        .client_cert = cli->render_key ? cli->cert : NULL,
        .timeout_ms = cli->timeout_ms,
    };
    cli->render_client = fc_client_new(&opts);
    if (!cli->render_client) {
        fprintf(stderr, "error: cannot set up a connection to %s (check --render-endpoint)\n",
                cli->render_endpoint);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* Sends `req` (its body set by the caller) with the user's request id when
 * `write`, else a fresh one, and checks the reply. */
static int render_call(cli_t *cli, render_req_t *req, bool write, render_rep_t **reply)
{
    *reply = NULL;
    int rc = ensure_render_client(cli);
    if (rc != CLI_OK)
        return rc;
    char fresh[CLI_ID_LEN + 1];
    if (!write && cli_random_id(fresh) != 0) {
        fprintf(stderr, "error: cannot read /dev/urandom for a request id\n");
        return CLI_FAILED;
    }
    req->request_id = (char *)(write ? cli->request_id : fresh);
    req->actor = (char *)cli->actor;
    ProtobufCMessage *got = fc_client_call(cli->render_client, &req->base,
                                           &fcavtal__v1__render_reply__descriptor);
    if (!got) {
        fprintf(stderr, "error: no reply from the document service at %s within %d ms\n",
                cli->render_endpoint, cli->timeout_ms);
        return CLI_NO_REPLY;
    }
    render_rep_t *r = (render_rep_t *)got;
    rc = cli_check_status(r->status, r->warnings, r->n_warnings, false);
    if (rc != CLI_OK) {
        protobuf_c_message_free_unpacked(got, NULL);
        return rc;
    }
    *reply = r;
    return CLI_OK;
}

static int print_json(const ProtobufCMessage *msg)
{
    json_t *j = pbj_to_json(msg);
    char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (!text) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    printf("%s\n", text);
    free(text);
    return CLI_OK;
}

/* ------------------------------------------------------------ arguments */

static int agreement_arg(const char *text, uint64_t *id)
{
    unsigned long long v;
    if (cli_parse_id(text, &v) != 0 || v == 0) {
        fprintf(stderr, "error: AGREEMENT must be an agreement id, not '%s'\n", text);
        return -1;
    }
    *id = v;
    return 0;
}

static int version_arg(const cli_args_t *a, uint32_t *version)
{
    const char *text = cli_arg(a, "version");
    unsigned long long v = 0;
    if (text && (cli_parse_id(text, &v) != 0 || v == 0 || v > UINT32_MAX)) {
        fprintf(stderr, "error: --version must be a version number (1, 2, ...)\n");
        return -1;
    }
    *version = (uint32_t)v;
    return 0;
}

static int format_arg(const cli_args_t *a, bool required, Fcavtal__V1__RenderFormat *format)
{
    const char *text = cli_arg(a, "format");
    *format = FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_UNSPECIFIED;
    if (!text && !required)
        return 0;
    static const struct { const char *name; Fcavtal__V1__RenderFormat f; } NAMES[] = {
        { "pdf", FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_PDF },
        { "html", FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_HTML },
        { "md", FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_MARKDOWN },
        { "markdown", FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_MARKDOWN },
    };
    for (size_t i = 0; text && i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (!strcmp(text, NAMES[i].name)) {
            *format = NAMES[i].f;
            return 0;
        }
    fprintf(stderr, "error: --format is pdf, html or md%s%s%s\n", text ? ", not '" : "",
            text ? text : "", text ? "'" : "");
    return -1;
}

static const char *format_name(Fcavtal__V1__RenderFormat f)
{
    return f == FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_PDF ? "pdf"
           : f == FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_HTML ? "html"
           : f == FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_MARKDOWN ? "md" : "?";
}

/* -o is the one short option, as in most tools that write a file. */
static char **long_options(int argc, char **argv)
{
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

/* Every page of rendering `id` into `out`; the total checked against the
 * stored size. */
static int fetch_to(cli_t *cli, const Fcavtal__V1__RenderingInfo *info, FILE *out)
{
    uint64_t offset = 0, written = 0;
    do {
        Fcavtal__V1__GetRendering q = FCAVTAL__V1__GET_RENDERING__INIT;
        q.rendering_id = info->id;
        q.offset = offset;
        render_req_t req = FCAVTAL__V1__RENDER_REQUEST__INIT;
        req.body_case = FCAVTAL__V1__RENDER_REQUEST__BODY_GET_RENDERING;
        req.get_rendering = &q;
        render_rep_t *rep;
        int rc = render_call(cli, &req, false, &rep);
        if (rc != CLI_OK)
            return rc;
        const ProtobufCBinaryData *c = &rep->rendering->content;
        size_t n = c->len ? fwrite(c->data, 1, c->len, out) : 0;
        written += n;
        offset = rep->rendering->next_offset;
        bool short_write = n != c->len;
        protobuf_c_message_free_unpacked(&rep->base, NULL);
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
           i->version, format_name(i->format), i->draft ? ", UTKAST" : "");
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
    Fcavtal__V1__RenderAgreement q = FCAVTAL__V1__RENDER_AGREEMENT__INIT;
    if (agreement_arg(a->positional[0], &q.agreement_id) || version_arg(a, &q.version)
        || format_arg(a, true, &q.format))
        return CLI_USAGE;
    q.review_copy = cli_arg_has(a, "review-copy");
    render_req_t req = FCAVTAL__V1__RENDER_REQUEST__INIT;
    req.body_case = FCAVTAL__V1__RENDER_REQUEST__BODY_RENDER_AGREEMENT;
    req.render_agreement = &q;
    render_rep_t *rep;
    int rc = render_call(cli, &req, true, &rep);
    if (rc != CLI_OK)
        return rc;
    const char *path = cli_arg(a, "output");
    if (!path)
        path = rep->rendered->info->file_name;
    rc = write_document(cli, rep->rendered->info, path);
    if (rc == CLI_OK && cli->json)
        rc = print_json(&rep->rendered->base);
    else if (rc == CLI_OK)
        print_written(rep->rendered, path);
    protobuf_c_message_free_unpacked(&rep->base, NULL);
    return rc;
}

/* ------------------------------------------------------------ list */

static const cli_flag_t list_flags[] = {
    {"version", NULL, FLAG_NUM, "only this version"},
    {"format", NULL, FLAG_STRING, "only pdf, html or md"},
    {0},
};

static int print_renderings(const Fcavtal__V1__RenderingList *list)
{
    static const char *const headers[] = { "id", "version", "format", "kind", "pages", "bytes",
                                           "dated", "sha256", "file" };
    cli_table_t *t = table_new(headers, sizeof headers / sizeof headers[0]);
    if (!t) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    for (size_t i = 0; i < list->n_items; i++) {
        const Fcavtal__V1__RenderingInfo *r = list->items[i];
        char date[16];
        table_cellf(t, "%llu", (unsigned long long)r->id);
        table_cellf(t, "%u", r->version);
        table_cellf(t, "%s", format_name(r->format));
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
    int rc = table_print(t, stdout) == 0 ? CLI_OK : CLI_FAILED;
    table_destroy(&t);
    return rc;
}

static int run_list(cli_t *cli, const cli_args_t *a)
{
    Fcavtal__V1__ListRenderings q = FCAVTAL__V1__LIST_RENDERINGS__INIT;
    if (agreement_arg(a->positional[0], &q.agreement_id) || version_arg(a, &q.version)
        || format_arg(a, false, &q.format))
        return CLI_USAGE;
    q.limit = 1000;
    int rc = CLI_OK;
    Fcavtal__V1__RenderingList all = FCAVTAL__V1__RENDERING_LIST__INIT;
    render_rep_t **pages = NULL;
    size_t n_pages = 0;
    do {
        render_req_t req = FCAVTAL__V1__RENDER_REQUEST__INIT;
        req.body_case = FCAVTAL__V1__RENDER_REQUEST__BODY_LIST_RENDERINGS;
        req.list_renderings = &q;
        render_rep_t *rep;
        if ((rc = render_call(cli, &req, false, &rep)) != CLI_OK)
            break;
        render_rep_t **grown = realloc(pages, (n_pages + 1) * sizeof *grown);
        Fcavtal__V1__RenderingInfo **items =
            realloc(all.items, (all.n_items + rep->renderings->n_items + 1) * sizeof *items);
        if (grown)
            pages = grown;
        if (items)
            all.items = items;
        if (!grown || !items) {
            protobuf_c_message_free_unpacked(&rep->base, NULL);
            fprintf(stderr, "error: out of memory\n");
            rc = CLI_FAILED;
            break;
        }
        pages[n_pages++] = rep;
        for (size_t i = 0; i < rep->renderings->n_items; i++)
            all.items[all.n_items++] = rep->renderings->items[i];
        q.after_id = rep->renderings->next_after_id;
    } while (q.after_id);
    if (rc == CLI_OK)
        rc = cli->json ? print_json(&all.base) : print_renderings(&all);
    for (size_t i = 0; i < n_pages; i++)
        protobuf_c_message_free_unpacked(&pages[i]->base, NULL);
    free(pages);
    free(all.items);
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

static int run_verify(cli_t *cli, const cli_args_t *a)
{
    Fcavtal__V1__VerifyRendering q = FCAVTAL__V1__VERIFY_RENDERING__INIT;
    if (agreement_arg(a->positional[0], &q.agreement_id) || version_arg(a, &q.version)
        || format_arg(a, false, &q.format))
        return CLI_USAGE;
    const char *path = a->positional[1];
    size_t size = 0;
    uint8_t *data = read_file(path, &size);
    if (!data)
        return CLI_FAILED;
    q.content.data = data;
    q.content.len = size;
    render_req_t req = FCAVTAL__V1__RENDER_REQUEST__INIT;
    req.body_case = FCAVTAL__V1__RENDER_REQUEST__BODY_VERIFY_RENDERING;
    req.verify_rendering = &q;
    render_rep_t *rep;
    int rc = render_call(cli, &req, false, &rep);
    free(data);
    if (rc != CLI_OK)
        return rc;
    const Fcavtal__V1__Verification *v = rep->verification;
    if (cli->json) {
        rc = print_json(&v->base);
    } else if (v->matches) {
        printf("%s matches rendering %llu of agreement %llu (version %u, %s%s)\nsha256 %s\n",
               path, (unsigned long long)v->stored->id,
               (unsigned long long)v->stored->agreement_id, v->stored->version,
               format_name(v->stored->format), v->stored->draft ? ", UTKAST" : "", v->sha256);
    } else {
        printf("%s does NOT match any of the %u stored rendering%s of agreement %llu\n"
               "sha256 %s (file)\n",
               path, v->compared, v->compared == 1 ? "" : "s",
               (unsigned long long)q.agreement_id, v->sha256);
        if (v->stored)
            printf("sha256 %s (newest stored: rendering %llu, version %u, %s)\n",
                   v->stored->sha256, (unsigned long long)v->stored->id, v->stored->version,
                   format_name(v->stored->format));
    }
    if (rc == CLI_OK && !v->matches)
        rc = CLI_FAILED;
    protobuf_c_message_free_unpacked(&rep->base, NULL);
    return rc;
}

/* ------------------------------------------------------------ dispatch */

typedef struct {
    const char *name;    /* NULL: render itself */
    const char *args;
    size_t n_args;
    const char *summary;
    const cli_flag_t *flags;
    int (*run)(cli_t *cli, const cli_args_t *args);
} sub_t;

static const sub_t SUBS[] = {
    { NULL, "AGREEMENT", 1, "Render an agreement and write the document to a file.",
      render_flags, run_render },
    { "list", "AGREEMENT", 1, "List an agreement's stored renderings with their SHA-256.",
      list_flags, run_list },
    { "verify", "AGREEMENT FILE", 2,
      "Check a file against the SHA-256 stored when the agreement was rendered.", list_flags,
      run_verify },
};

static void usage(FILE *out)
{
    fprintf(out, "usage:\n");
    for (size_t i = 0; i < sizeof SUBS / sizeof SUBS[0]; i++)
        fprintf(out, "  fcavtal render %s%s%s [options]\n      %s\n",
                SUBS[i].name ? SUBS[i].name : "", SUBS[i].name ? " " : "", SUBS[i].args,
                SUBS[i].summary);
    fprintf(out, "\nThe document service: --render-endpoint or $FCAVTAL_RENDER "
                 "(default tcp://127.0.0.1:7401).\n'fcavtal render [list|verify] --help' "
                 "shows the options.\n");
}

static int run_sub(cli_t *cli, const sub_t *s, int argc, char **argv)
{
    cli_args_t a;
    char **args = long_options(argc, argv);
    if (!args) {
        fprintf(stderr, "error: out of memory\n");
        return CLI_FAILED;
    }
    int rc = cli_args_parse(argc, args, s->flags, &a);
    if (rc == 0 && a.help) {
        printf("usage: fcavtal render %s%s%s [options]\n\n%s\n\noptions:\n",
               s->name ? s->name : "", s->name ? " " : "", s->args, s->summary);
        fflush(stdout);
        cli_print_flags(s->flags);
        rc = CLI_OK;
    } else if (rc == 0 && a.n_positional != s->n_args) {
        fprintf(stderr, "error: 'fcavtal render %s%s%s' takes %zu argument%s\n",
                s->name ? s->name : "", s->name ? " " : "", s->args, s->n_args,
                s->n_args == 1 ? "" : "s");
        rc = CLI_USAGE;
    } else {
        rc = rc == 0 ? s->run(cli, &a) : CLI_USAGE;
    }
    free(args);
    return rc;
}

int cmd_render(cli_t *cli, int argc, char **argv)
{
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")
        || !strcmp(argv[0], "help")) {
        usage(argc < 1 ? stderr : stdout);
        return argc < 1 ? CLI_USAGE : CLI_OK;
    }
    for (size_t i = 1; i < sizeof SUBS / sizeof SUBS[0]; i++)
        if (!strcmp(argv[0], SUBS[i].name))
            return run_sub(cli, &SUBS[i], argc - 1, argv + 1);
    return run_sub(cli, &SUBS[0], argc, argv);
}
