#include "render_service.h"

#include "fcavtal/v1/costs.pb-c.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEMPLATES FC_SOURCE_DIR "/deploy/templates"
#define SAMPLE FC_SOURCE_DIR "/deploy/sample/sample.json"

int rs_import_sample(rs_t *s)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s --endpoint %s import %s >/dev/null 2>&1", FC_CLI_BIN,
             s->reg.h.endpoint, SAMPLE);
    return system(cmd) == 0 ? 0 : -1;
}

int rs_start_render(rs_t *s, const char *const *extra)
{
    size_t n = 0;
    snprintf(s->args[0], sizeof s->args[0], "%s", s->reg.h.endpoint);
    snprintf(s->args[1], sizeof s->args[1], "%s", s->reg.h.pub_endpoint);
    bool costs = s->follow_costs;
    snprintf(s->args[2], sizeof s->args[2], "%s", costs ? s->costs_request : "off");
    snprintf(s->args[3], sizeof s->args[3], "%s", costs ? s->costs_publish : "");
    const char *fixed[] = { "--registry", s->args[0], "--registry-publish", s->args[1],
                            "--templates", TEMPLATES, "--today", "2025-01-15",
                            "--costs", s->args[2] };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        s->argv[n++] = fixed[i];
    if (costs) {
        s->argv[n++] = "--costs-publish";
        s->argv[n++] = s->args[3];
    }
    for (size_t i = 0; extra && extra[i] && n + 1 < sizeof s->argv / sizeof s->argv[0]; i++)
        s->argv[n++] = extra[i];
    s->argv[n] = NULL;
    if (s->svc.client || s->svc.h.pid > 0)
        return tc_restart(&s->svc, SIGTERM, s->argv);
    s->svc.binary = FC_RENDER_BIN;
    s->svc.request_desc = &fcavtal__v1__render_request__descriptor;
    s->svc.reply_desc = &fcavtal__v1__render_reply__descriptor;
    s->svc.timeout_ms = 20000;   /* a PDF under the sanitizers takes a while */
    return tc_start(&s->svc, s->argv);
}

static int start_costs(rs_t *s)
{
    static const char *args[] = { "--registry", NULL, "--registry-publish", NULL,
                                  "--today", "2026-01-15", NULL };
    args[1] = s->reg.h.endpoint, args[3] = s->reg.h.pub_endpoint;
    s->costs.binary = FC_COSTS_BIN;
    s->costs.request_desc = &fcavtal__v1__costs_request__descriptor;
    s->costs.reply_desc = &fcavtal__v1__costs_reply__descriptor;
    s->costs.timeout_ms = 30000;
    s->costs.h.keep_ports = true;
    if (tc_start(&s->costs, args))
        return -1;
    s->follow_costs = true;
    snprintf(s->costs_request, sizeof s->costs_request, "%s", s->costs.h.endpoint);
    snprintf(s->costs_publish, sizeof s->costs_publish, "%s", s->costs.h.pub_endpoint);
    return 0;
}

static int start(rs_t *s, bool sample, bool costs, const char *const *extra)
{
    memset(s, 0, sizeof *s);
    s->reg.h.keep_ports = true;
    s->svc.h.keep_ports = true;
    if (rc_start(&s->reg, NULL))
        return -1;
    if (sample && rs_import_sample(s))
        return -1;
    if (costs && start_costs(s))
        return -1;
    if (rs_start_render(s, extra))
        return -1;
    return rs_wait_synced(s, 30000) ? 0 : -1;
}

int rs_start(rs_t *s, bool sample, const char *const *extra)
{
    return start(s, sample, false, extra);
}

int rs_start_with_costs(rs_t *s)
{
    return start(s, true, true, NULL);
}

ProtobufCMessage *rs_costs_call(rs_t *s, const char *member, const ProtobufCMessage *body)
{
    return tc_call(&s->costs, member, body, NULL);
}

void rs_cleanup(rs_t *s)
{
    tc_cleanup(&s->svc);
    tc_cleanup(&s->costs);
    rc_cleanup(&s->reg);
}

rs_rep_t *rs_call(rs_t *s, const char *member, const ProtobufCMessage *body)
{
    return (rs_rep_t *)tc_call(&s->svc, member, body, NULL);
}

static uint64_t registry_seq(rs_t *s)
{
    rc_rep_t *rep = rc_audit(&s->reg, "", 0, 0, 1);
    uint64_t seq = rep ? rep->seq : 0;
    rc_free(rep);
    return seq;
}

bool rs_synced(rs_t *s)
{
    Fcavtal__V1__FollowStatus q = FCAVTAL__V1__FOLLOW_STATUS__INIT;
    rs_rep_t *rep = rs_call(s, "follow_status", &q.base);
    bool done = rep && rep->follow && rep->follow->live && !rep->follow->auto_pending
                && rep->follow->position == registry_seq(s)
                && (!rep->follow->costs_followed || rep->follow->costs_live);
    tc_free((ProtobufCMessage *)rep);
    return done;
}

static bool synced(void *arg)
{
    return rs_synced(arg);
}

bool rs_wait_synced(rs_t *s, int ms)
{
    return fc_harness_wait(synced, s, ms);
}

uint64_t rs_agreement(rs_t *s, const char *key)
{
    Fcavtal__V1__ListAgreements q = FCAVTAL__V1__LIST_AGREEMENTS__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(LIST_AGREEMENTS);
    req.list_agreements = &q;
    rc_rep_t *rep = rc_call(&s->reg, &req);
    uint64_t id = 0;
    for (size_t i = 0; rep && rep->agreements && i < rep->agreements->n_items && !id; i++) {
        const Fcavtal__V1__Agreement *a = rep->agreements->items[i];
        if (!strcmp(*a->case_number ? a->case_number : a->title, key))
            id = a->id;
    }
    rc_free(rep);
    return id;
}

rc_rep_t *rs_registry_agreement(rs_t *s, uint64_t id)
{
    return rc_get(&s->reg, RC_BODY(GET_AGREEMENT), id);
}

rs_rep_t *rs_render(rs_t *s, uint64_t agreement, uint32_t version, int format, bool review)
{
    Fcavtal__V1__RenderAgreement q = FCAVTAL__V1__RENDER_AGREEMENT__INIT;
    q.agreement_id = agreement;
    q.version = version;
    q.format = (Fcavtal__V1__RenderFormat)format;
    q.review_copy = review;
    return rs_call(s, "render_agreement", &q.base);
}

rs_rep_t *rs_list(rs_t *s, uint64_t agreement, uint32_t version, int format)
{
    Fcavtal__V1__ListRenderings q = FCAVTAL__V1__LIST_RENDERINGS__INIT;
    q.agreement_id = agreement;
    q.version = version;
    q.format = (Fcavtal__V1__RenderFormat)format;
    return rs_call(s, "list_renderings", &q.base);
}

rs_rep_t *rs_verify(rs_t *s, uint64_t agreement, const void *bytes, size_t size)
{
    Fcavtal__V1__VerifyRendering q = FCAVTAL__V1__VERIFY_RENDERING__INIT;
    q.agreement_id = agreement;
    q.content.data = (uint8_t *)bytes;
    q.content.len = size;
    return rs_call(s, "verify_rendering", &q.base);
}

uint8_t *rs_fetch(rs_t *s, uint64_t id, uint32_t page, size_t *size)
{
    uint8_t *all = NULL;
    size_t len = 0;
    uint64_t offset = 0;
    for (;;) {
        Fcavtal__V1__GetRendering q = FCAVTAL__V1__GET_RENDERING__INIT;
        q.rendering_id = id;
        q.offset = offset;
        q.max_bytes = page;
        rs_rep_t *rep = rs_call(s, "get_rendering", &q.base);
        if (tc_code((ProtobufCMessage *)rep) != 0 || rep->rendering->offset != offset) {
            tc_free((ProtobufCMessage *)rep);
            free(all);
            return NULL;
        }
        const ProtobufCBinaryData *c = &rep->rendering->content;
        uint8_t *grown = realloc(all, len + c->len + 1);
        if (grown) {
            memcpy(grown + len, c->data, c->len);
            len += c->len;
        }
        all = grown;
        offset = rep->rendering->next_offset;
        tc_free((ProtobufCMessage *)rep);
        if (!all || !offset)
            break;
    }
    *size = len;
    return all;
}

uint8_t *rs_document(rs_t *s, uint64_t agreement, uint32_t version, int format, size_t *size,
                     rs_rep_t **out)
{
    rs_rep_t *rep = rs_render(s, agreement, version, format, false);
    *out = rep;
    if (tc_code((ProtobufCMessage *)rep) != 0)
        return NULL;
    return rs_fetch(s, rep->rendered->info->id, 0, size);
}

const char *rs_describe(const rs_rep_t *rep)
{
    static char buf[2048];
    if (!rep)
        return "no reply";
    size_t len = (size_t)snprintf(buf, sizeof buf, "code=%d message=%s", rep->status->code,
                                  rep->status->message);
    for (size_t i = 0; i < rep->status->n_violations && len < sizeof buf; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, " [%s: %s]",
                                rep->status->violations[i]->field,
                                rep->status->violations[i]->description);
    return buf;
}

uint64_t rs_seq(rs_t *s)
{
    Fcavtal__V1__TodayRequest q = FCAVTAL__V1__TODAY_REQUEST__INIT;
    rs_rep_t *rep = rs_call(s, "today", &q.base);
    uint64_t seq = rep ? rep->seq : 0;
    tc_free((ProtobufCMessage *)rep);
    return seq;
}

static bool signed_by(const Fcavtal__V1__Agreement *a, const Fcavtal__V1__Party *p)
{
    for (size_t i = 0; i < a->n_signatures; i++)
        if (a->signatures[i]->organisation_id == p->organisation_id
            && a->signatures[i]->operation_id == p->operation_id)
            return true;
    return false;
}

int rs_sign_all(rs_t *s, uint64_t agreement, const char *date)
{
    rc_rep_t *cur = rs_registry_agreement(s, agreement);
    if (rc_code(cur) != 0) {
        rc_free(cur);
        return -1;
    }
    int rc = 0;
    const Fcavtal__V1__Agreement *a = cur->agreement;
    for (size_t i = 0; i < a->n_parties && rc == 0; i++) {
        if (signed_by(a, a->parties[i]))
            continue;
        rc_rep_t *rep = rc_sign(&s->reg, agreement, a->parties[i]->organisation_id,
                                a->parties[i]->operation_id, date);
        rc = rc_code(rep) == 0 ? 0 : -1;
        rc_free(rep);
    }
    rc_free(cur);
    return rc;
}
