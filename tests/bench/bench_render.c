/* fcavtal-bench-render: how many documents per second the engine renders
 * for the sample VG local agreement (four parties, about six pages).
 * Loads the template and creates the engine once, as the service will,
 * then renders for a fixed time. Not a test: it prints figures.
 *
 *   fcavtal-bench-render [--seconds N] [--format pdf|html|md] [--out FILE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fcavtal/render.h"
#include "sample_context.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage(void)
{
    fprintf(stderr, "usage: fcavtal-bench-render [--seconds N] [--format pdf|html|md] "
                    "[--out FILE]\n");
    return 2;
}

int main(int argc, char **argv)
{
    double seconds = 5;
    rnd_format_t format = RND_FORMAT_PDF;
    const char *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out_path = argv[++i];
        else if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            const char *f = argv[++i];
            format = !strcmp(f, "html") ? RND_FORMAT_HTML
                     : !strcmp(f, "md") ? RND_FORMAT_MARKDOWN : RND_FORMAT_PDF;
        } else
            return usage();
    }
    rnd_error_t err = RND_ERROR_INIT;
    rnd_engine_t *engine = NULL;
    rnd_folder_t *folder = NULL;
    rnd_template_t *t = NULL;
    rnd_value_t *ctx = sample_vg_local();
    int rc = 1;
    if (!ctx || rnd_engine_new(&engine, &err) != FC_OK ||
        rnd_folder_open(SAMPLE_TEMPLATE_DIR, &folder, &err) != FC_OK ||
        rnd_template_load(folder, "vg-local.md", &t, &err) != FC_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        goto done;
    }
    rnd_meta_t meta = sample_vg_meta(1, false);
    rnd_document_t *doc = NULL;
    if (rnd_render(engine, t, ctx, &meta, format, &doc, &err) != FC_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        goto done;
    }
    printf("document: %zu bytes, %u pages, sha256 %s\n", doc->size, doc->pages, doc->sha256);
    if (out_path) {
        FILE *f = fopen(out_path, "wb");
        if (!f || fwrite(doc->bytes, 1, doc->size, f) != doc->size) {
            fprintf(stderr, "bench: cannot write %s\n", out_path);
            if (f)
                fclose(f);
            rnd_document_destroy(&doc);
            goto done;
        }
        fclose(f);
    }
    rnd_document_destroy(&doc);
    unsigned long n = 0;
    double start = now(), elapsed = 0;
    while (elapsed < seconds) {
        if (rnd_render(engine, t, ctx, &meta, format, &doc, &err) != FC_OK) {
            fprintf(stderr, "bench: %s\n", err.message);
            goto done;
        }
        rnd_document_destroy(&doc);
        n++;
        elapsed = now() - start;
    }
    printf("%lu documents in %.2f s: %.1f documents/s (%.2f ms each)\n", n, elapsed,
           (double)n / elapsed, elapsed * 1000 / (double)n);
    rc = 0;
done:
    rnd_error_reset(&err);
    rnd_template_destroy(&t);
    rnd_folder_destroy(&folder);
    rnd_engine_destroy(&engine);
    rnd_value_destroy(&ctx);
    return rc;
}
