/* The template engine on arbitrary template text: what a regional
 * coordinator may put in a file under deploy/templates. The text is parsed
 * (includes resolve inside the shipped folder) and, when it parses, filled
 * from the realistic VG context as Markdown and HTML, and as a PDF when
 * the text starts with '%' (PDFs are slow; the fuzzer learns the byte).
 * Every error must be a status with a message, never a crash, a leak, a
 * hang or output past the limit. */
#include <stdlib.h>
#include <string.h>

#include "fcavtal/render.h"
#include "sample_context.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rnd_engine_t *engine;
static rnd_folder_t *folder;
static rnd_value_t *context;

static void setup(void)
{
    rnd_error_t err = RND_ERROR_INIT;
    if (rnd_engine_new(&engine, &err) || rnd_folder_open(SAMPLE_TEMPLATE_DIR, &folder, &err)
        || !(context = sample_vg_local()))
        abort();
    rnd_error_reset(&err);
}

static void render(const rnd_template_t *t, rnd_format_t format, bool draft)
{
    rnd_meta_t meta = sample_vg_meta(1, draft);
    meta.max_output = (size_t)1 << 20;
    rnd_document_t *doc = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    fc_status_t st = rnd_render(engine, t, context, &meta, format, &doc, &err);
    if (st == FC_OK && (!doc || doc->size > meta.max_output))
        abort();
    if (st != FC_OK && (doc || !err.message[0]))
        abort();   /* a refusal always says why, and leaves nothing behind */
    rnd_document_destroy(&doc);
    rnd_error_reset(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine)
        setup();
    rnd_template_t *t = NULL;
    rnd_error_t err = RND_ERROR_INIT;
    fc_status_t st = rnd_template_parse(folder, "fuzz.md", (const char *)data, size, &t, &err);
    if (st != FC_OK && (t || !err.message[0]))
        abort();
    rnd_error_reset(&err);
    if (st != FC_OK)
        return 0;
    render(t, RND_FORMAT_MARKDOWN, false);
    render(t, RND_FORMAT_HTML, true);
    if (size && data[0] == '%')
        render(t, RND_FORMAT_PDF, true);
    rnd_template_destroy(&t);
    return 0;
}
