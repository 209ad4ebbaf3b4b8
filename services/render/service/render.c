#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "context.h"
#include "fcavtal/pb.h"
#include "follow.h"
#include "model.h"
#include "renderings.h"
#include "templates.h"

#define STATUS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

static bool read_model_live(fc_call_t *call)
{
    return rsv_read_model_live(fc_call_state(call));
}

/* Which read model is behind, and what to do about it. */
static fc_status_t not_live(fc_call_t *call)
{
    const rsv_state_t *st = fc_call_state(call);
    if (st->follower && !fc_follower_stats(st->follower).live)
        return fc_call_fail(call, FC_UNAVAILABLE,
                            "the registry's data is still arriving; try again in a moment");
    return fc_call_fail(call, FC_UNAVAILABLE,
                        "the costs service's settled figures have not arrived yet (is "
                        "fcavtal-costs running? render --costs off makes documents without "
                        "them); try again in a moment");
}

static fc_status_t unknown_agreement(fc_call_t *call, uint64_t id)
{
    if (!read_model_live(call))
        return fc_call_fail(call, FC_UNAVAILABLE,
                            "agreement %llu is not here yet: the registry's data is still "
                            "arriving; try again in a moment", (unsigned long long)id);
    return fc_call_fail(call, FC_NOT_FOUND, "the registry has no agreement %llu",
                        (unsigned long long)id);
}

fc_status_t rsv_load_version(fc_call_t *call, uint64_t agreement_id, uint32_t version,
                             DocAgreement **out)
{
    DocAgreement *current = NULL;
    *out = NULL;
    fc_status_t st = fc_record_get(call, REC_AGREEMENT, agreement_id, (ProtobufCMessage **)&current);
    if (st == FC_NOT_FOUND)
        return unknown_agreement(call, agreement_id);
    if (st)
        return fc_call_fail(call, st, "cannot read agreement %llu: %s",
                            (unsigned long long)agreement_id, fc_status_name(st));
    if (version == 0 || version == current->version) {
        *out = current;
        return FC_OK;
    }
    uint32_t latest = current->version;
    protobuf_c_message_free_unpacked(&current->base, NULL);
    if (version > latest)
        return fc_call_fail(call, FC_NOT_FOUND, "agreement %llu has no version %u: its current "
                            "version is %u", (unsigned long long)agreement_id, version, latest);
    st = rsv_version_get(call, agreement_id, version, out);
    if (st == FC_NOT_FOUND)
        return fc_call_fail(call, FC_NOT_FOUND,
                            "version %u of agreement %llu was replaced before this service "
                            "followed the registry; only versions it has seen can be rendered",
                            version, (unsigned long long)agreement_id);
    return st ? fc_call_fail(call, st, "cannot read version %u of agreement %llu: %s", version,
                             (unsigned long long)agreement_id, fc_status_name(st))
              : FC_OK;
}

/* "N167-0412-23_v3.pdf": the case number with anything but letters,
 * digits and '-' as '-', so the name is safe on every file system. */
static char *file_name(const DocAgreement *a, bool draft, int format)
{
    char base[96];
    size_t n = 0;
    for (const char *p = a->case_number; *p && n + 1 < sizeof base; p++) {
        char c = *p;
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep)
            base[n++] = c;
        else if (n && base[n - 1] != '-')
            base[n++] = '-';
    }
    while (n && base[n - 1] == '-')
        n--;
    base[n] = '\0';
    char name[160];
    if (n)
        snprintf(name, sizeof name, "%s_v%u%s%s", base, a->version, draft ? "_utkast" : "",
                 rsv_format_extension(format));
    else
        snprintf(name, sizeof name, "avtal-%llu_v%u%s%s", (unsigned long long)a->id, a->version,
                 draft ? "_utkast" : "", rsv_format_extension(format));
    return strdup(name);
}

static int64_t now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static int copy_warnings(RenderingInfo *info, const rnd_document_t *doc)
{
    if (!doc->warning_count)
        return 0;
    info->warnings = calloc(doc->warning_count, sizeof *info->warnings);
    if (!info->warnings)
        return -1;
    for (size_t i = 0; i < doc->warning_count; i++) {
        if (!(info->warnings[i] = strdup(doc->warnings[i])))
            return -1;
        info->n_warnings++;
    }
    return 0;
}

static RenderingInfo *describe(const DocAgreement *a, const rnd_meta_t *meta,
                               const rnd_template_t *t, const rnd_document_t *doc)
{
    RenderingInfo *info = malloc(sizeof *info);
    if (!info)
        return NULL;
    fcavtal__v1__rendering_info__init(info);
    info->agreement_id = a->id;
    info->version = a->version;
    info->format = (Fcavtal__V1__RenderFormat)doc->format;
    info->size = doc->size;
    info->pages = doc->pages;
    info->draft = meta->draft;
    info->document_date = fc_pb_date_new(meta->date);
    info->rendered_at_unix_ms = now_ms();
    info->agreement_status = a->status;
    info->sha256 = strdup(doc->sha256);
    info->template_name = strdup(rnd_template_name(t));
    info->template_sha256 = strdup(rnd_template_sha256(t));
    info->case_number = strdup(a->case_number);
    info->media_type = strdup(rnd_format_media_type(doc->format));
    info->title = strdup(meta->title);
    info->file_name = file_name(a, meta->draft, doc->format);
    bool ok = info->document_date && info->sha256 && info->template_name
              && info->template_sha256 && info->case_number && info->media_type && info->title
              && info->file_name && copy_warnings(info, doc) == 0;
    if (!ok) {
        /* Unset strings are protobuf-c's shared empty string, which must not be freed. */
        char **fields[] = { &info->sha256, &info->template_name, &info->template_sha256,
                            &info->case_number, &info->media_type, &info->title,
                            &info->file_name };
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (!*fields[i])
                *fields[i] = (char *)protobuf_c_empty_string;
        fcavtal__v1__rendering_info__free_unpacked(info, NULL);
        return NULL;
    }
    return info;
}

static const rnd_template_t *template_of(fc_call_t *call, const rsv_world_t *w, rnd_error_t *err)
{
    const DocAgreement *a = w->agreement;
    rsv_state_t *st = fc_call_state(call);
    if (!w->rules) {
        fc_call_fail(call, FC_FAILED_PRECONDITION,
                     "agreement %llu hangs under no framework agreement, so no rule set "
                     "chooses its template (domain.md: rules belong to a framework)",
                     (unsigned long long)a->id);
        return NULL;
    }
    const rnd_template_t *t = rsv_templates_for(st->templates, (rnd_agreement_kind_t)a->kind,
                                                w->rules, err);
    if (!t)
        fc_call_fail(call, err->code ? err->code : FC_NOT_FOUND, "agreement %llu: %s",
                     (unsigned long long)a->id, err->message);
    return t;
}

/* "final document of agreement 6 version 1 refused: 1 mandatory heading
 * without content"; the runtime appends the first violation ("section:
 * Utgångspunkter (orebro-local.md:20): 'documents' is empty") and the rest
 * follow as violations, one per empty section. */
static void refused(fc_call_t *call, const DocAgreement *a, const rnd_error_t *err)
{
    fc_call_fail(call, FC_FAILED_PRECONDITION,
                 "final document of agreement %llu version %u refused: %zu mandatory "
                 "heading%s without content", (unsigned long long)a->id, a->version,
                 err->missing_count, err->missing_count == 1 ? "" : "s");
}

/* Renders w's agreement with template t and stores it. */
static fc_status_t produce(fc_call_t *call, rsv_world_t *w, const rnd_template_t *t,
                           const rsv_ask_t *ask, bool draft, RenderingInfo **out, rnd_error_t *err)
{
    rsv_state_t *state = fc_call_state(call);
    const DocAgreement *a = w->agreement;
    rnd_value_t *ctx = NULL;
    fc_status_t st = rsv_context_build(w, &ctx);
    if (st)
        return st;
    char title[64];
    snprintf(title, sizeof title, "Avtal %llu", (unsigned long long)a->id);
    rnd_meta_t meta = { .title = *a->title ? a->title : title, .case_number = a->case_number,
                        .version = a->version, .date = w->date, .draft = draft,
                        .max_output = state->max_document };
    rnd_document_t *doc = NULL;
    st = rnd_render(state->engine, t, ctx, &meta, ask->format, &doc, err);
    rnd_value_destroy(&ctx);
    if (st) {
        if (st == FC_FAILED_PRECONDITION && err->missing_count)
            refused(call, a, err);
        else
            fc_call_fail(call, st, "agreement %llu version %u: %s", (unsigned long long)a->id,
                         a->version, err->message);
        return st;
    }
    RenderingInfo *info = describe(a, &meta, t, doc);
    st = info ? rsv_rendering_store(call, info, doc->bytes, doc->size) : fc_call_oom(call);
    rnd_document_destroy(&doc);
    if (st && info)
        fcavtal__v1__rendering_info__free_unpacked(info, NULL);
    else
        *out = info;
    return st;
}

fc_status_t rsv_render(fc_call_t *call, const rsv_ask_t *ask, RenderingInfo **info,
                       bool *created, rnd_error_t *err)
{
    *info = NULL;
    *created = false;
    DocAgreement *a = NULL;
    fc_status_t st = rsv_load_version(call, ask->agreement_id, ask->version, &a);
    if (st)
        return st;
    bool draft = a->status == STATUS(DRAFT) || ask->review_copy;
    st = rsv_rendering_find(call, a->id, a->version, ask->format, draft, info);
    if (st != FC_NOT_FOUND) {
        protobuf_c_message_free_unpacked(&a->base, NULL);
        return st ? fc_call_fail(call, st, "cannot read the stored renderings") : FC_OK;
    }
    /* A new document is made from complete data only: one made while the
     * settled figures are still arriving would be stored without them. */
    if (!read_model_live(call)) {
        protobuf_c_message_free_unpacked(&a->base, NULL);
        return not_live(call);
    }
    rsv_world_t w;
    st = rsv_world_load(call, a, &w);
    const rnd_template_t *t = st ? NULL : template_of(call, &w, err);
    if (!st && !t)
        st = err->code ? err->code : FC_FAILED_PRECONDITION;   /* message set by template_of */
    if (!st)
        st = produce(call, &w, t, ask, draft, info, err);
    *created = st == FC_OK;
    rsv_world_clear(&w);
    protobuf_c_message_free_unpacked(&a->base, NULL);
    return st;
}
