/* Test helpers (pdf_tools.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pdf_tools.h"
#include "sample_context.h"

char *tool_run(const char *cmd, bool with_stderr, int *status)
{
    char full[4096];
    snprintf(full, sizeof full, "%s%s", cmd, with_stderr ? " 2>&1" : " 2>/dev/null");
    FILE *p = popen(full, "r");
    if (!p)
        return NULL;
    size_t cap = 4096, len = 0;
    char *out = malloc(cap);
    size_t n;
    while (out && (n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *grown = realloc(out, cap * 2);
            if (!grown) {
                free(out);
                out = NULL;
                break;
            }
            out = grown;
            cap *= 2;
        }
    }
    int rc = pclose(p);
    if (status)
        *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    if (out)
        out[len] = '\0';
    return out;
}

char *tool_write_temp(const void *bytes, size_t size, const char *suffix)
{
    char *path = malloc(64);
    if (!path)
        return NULL;
    snprintf(path, 64, "/tmp/fcavtal-render-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0) {
        free(path);
        return NULL;
    }
    bool ok = write(fd, bytes, size) == (ssize_t)size;
    close(fd);
    if (!ok) {
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

char *tool_pdf_text(const char *path, int page)
{
    char cmd[512];
    if (page > 0)
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f %d -l %d '%s' -", page, page, path);
    else
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
    return tool_run(cmd, false, NULL);
}

const char *tool_first_out_of_order(const char *text, const char *const *needles, size_t n)
{
    const char *at = text;
    for (size_t i = 0; i < n; i++) {
        const char *hit = strstr(at, needles[i]);
        if (!hit)
            return needles[i];
        at = hit + strlen(needles[i]);
    }
    return NULL;
}

fc_status_t tool_render(const char *name, const rnd_value_t *ctx, const rnd_meta_t *meta,
                        rnd_format_t format, rnd_document_t **doc, rnd_error_t *err)
{
    rnd_engine_t *engine = NULL;
    rnd_folder_t *folder = NULL;
    rnd_template_t *t = NULL;
    fc_status_t st = rnd_engine_new(&engine, err);
    if (st == FC_OK)
        st = rnd_folder_open(SAMPLE_TEMPLATE_DIR, &folder, err);
    if (st == FC_OK)
        st = rnd_template_load(folder, name, &t, err);
    if (st == FC_OK)
        st = rnd_render(engine, t, ctx, meta, format, doc, err);
    rnd_template_destroy(&t);
    rnd_folder_destroy(&folder);
    rnd_engine_destroy(&engine);
    return st;
}
