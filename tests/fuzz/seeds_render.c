/* Writes the render fuzzer's seed corpus: one packed request per body. */
#include <stdio.h>
#include <stdlib.h>

#include "fcavtal/v1/render.pb-c.h"

typedef Fcavtal__V1__RenderRequest Req;
#define BODY(x) FCAVTAL__V1__RENDER_REQUEST__BODY_##x

static const char *dir;

static void write_seed(const char *name, Req *req)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    size_t size = fcavtal__v1__render_request__get_packed_size(req);
    uint8_t *buf = malloc(size + 1);
    fcavtal__v1__render_request__pack(req, buf);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, size, f) != size)
        exit(1);
    fclose(f);
    free(buf);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    dir = argv[1];
    Req r = FCAVTAL__V1__RENDER_REQUEST__INIT;
    r.request_id = "render-1";
    Fcavtal__V1__RenderAgreement ra = FCAVTAL__V1__RENDER_AGREEMENT__INIT;
    ra.agreement_id = 1;
    ra.format = FCAVTAL__V1__RENDER_FORMAT__RENDER_FORMAT_PDF;
    r.body_case = BODY(RENDER_AGREEMENT);
    r.render_agreement = &ra;
    write_seed("render_agreement", &r);
    Fcavtal__V1__ListRenderings lr = FCAVTAL__V1__LIST_RENDERINGS__INIT;
    lr.agreement_id = 1;
    lr.limit = 10;
    r.body_case = BODY(LIST_RENDERINGS);
    r.list_renderings = &lr;
    write_seed("list_renderings", &r);
    Fcavtal__V1__GetRendering gr = FCAVTAL__V1__GET_RENDERING__INIT;
    gr.rendering_id = 1;
    gr.max_bytes = 1000;
    r.body_case = BODY(GET_RENDERING);
    r.get_rendering = &gr;
    write_seed("get_rendering", &r);
    Fcavtal__V1__VerifyRendering vr = FCAVTAL__V1__VERIFY_RENDERING__INIT;
    uint8_t bytes[] = "%PDF-1.5";
    vr.rendering_id = 1;
    vr.content.data = bytes;
    vr.content.len = sizeof bytes - 1;
    r.body_case = BODY(VERIFY_RENDERING);
    r.verify_rendering = &vr;
    write_seed("verify_rendering", &r);
    Fcavtal__V1__FollowStatus fs = FCAVTAL__V1__FOLLOW_STATUS__INIT;
    r.body_case = BODY(FOLLOW_STATUS);
    r.follow_status = &fs;
    write_seed("follow_status", &r);
    Fcavtal__V1__AuditQuery q = FCAVTAL__V1__AUDIT_QUERY__INIT;
    r.body_case = BODY(AUDIT);
    r.audit = &q;
    write_seed("audit", &r);
    Fcavtal__V1__SnapshotRequest sq = FCAVTAL__V1__SNAPSHOT_REQUEST__INIT;
    r.body_case = BODY(SNAPSHOT);
    r.snapshot = &sq;
    write_seed("snapshot", &r);
    printf("7 seeds in %s\n", dir);
    return 0;
}
