/* Writes the registry fuzzer's seed corpus: one packed request per file,
 * covering every body, so the fuzzer starts from valid messages instead of
 * having to discover the wire format. Regenerate with
 *   build-fuzz/tests/fuzz/fuzz_seeds_registry tests/fuzz/corpus/registry */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/v1/registry.pb-c.h"

typedef Fcavtal__V1__RegistryRequest Req;

static const char *dir;
static int n_written;

static void write_seed(const char *name, Req *req)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    size_t size = fcavtal__v1__registry_request__get_packed_size(req);
    uint8_t *buf = malloc(size + 1);
    fcavtal__v1__registry_request__pack(req, buf);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, size, f) != size) {
        perror(path);
        exit(1);
    }
    fclose(f);
    free(buf);
    n_written++;
}

static Req req_with(const char *id, Fcavtal__V1__RegistryRequest__BodyCase which)
{
    Req r = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    r.request_id = (char *)id;
    r.actor = "fuzz";
    r.body_case = which;
    return r;
}

#define BODY(x) FCAVTAL__V1__REGISTRY_REQUEST__BODY_##x

static void organisations(void)
{
    Fcavtal__V1__OrgNumber nr = FCAVTAL__V1__ORG_NUMBER__INIT;
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    Fcavtal__V1__Contact c = FCAVTAL__V1__CONTACT__INIT, *cs[] = { &c };
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    nr.value = "232100-0131";
    org.org_number = &nr;
    org.name = "Västra Götalandsregionen";
    org.kind = FCAVTAL__V1__ORG_KIND__ORG_KIND_REGION;
    c.name = "Åsa Öberg";
    c.email = "asa@example.se";
    org.contacts = cs;
    org.n_contacts = 1;
    put.organisation = &org;
    Req r = req_with("org-1", BODY(PUT_ORGANISATION));
    r.put_organisation = &put;
    write_seed("put_organisation_region", &r);
    nr.value = "212000-1355";
    org.name = "Göteborgs kommun";
    org.kind = FCAVTAL__V1__ORG_KIND__ORG_KIND_MUNICIPALITY;
    org.region_id = 1;
    r.request_id = "org-2";
    write_seed("put_organisation_municipality", &r);
    Fcavtal__V1__GetById get = FCAVTAL__V1__GET_BY_ID__INIT;
    get.id = 1;
    Req g = req_with("", BODY(GET_ORGANISATION));
    g.get_organisation = &get;
    write_seed("get_organisation", &g);
    Fcavtal__V1__ListOrganisations l = FCAVTAL__V1__LIST_ORGANISATIONS__INIT;
    l.region_id = 1;
    l.limit = 10;
    Req lr = req_with("", BODY(LIST_ORGANISATIONS));
    lr.list_organisations = &l;
    write_seed("list_organisations", &lr);
}

static void operations_and_centre(void)
{
    Fcavtal__V1__Operation op = FCAVTAL__V1__OPERATION__INIT;
    Fcavtal__V1__PutOperation put = FCAVTAL__V1__PUT_OPERATION__INIT;
    op.organisation_id = 1;
    op.kind = FCAVTAL__V1__OPERATION_KIND__OPERATION_KIND_BHV;
    op.name = "BVC Hjällbo";
    put.operation = &op;
    Req r = req_with("op-1", BODY(PUT_OPERATION));
    r.put_operation = &put;
    write_seed("put_operation", &r);
    Fcavtal__V1__Date joined = { PROTOBUF_C_MESSAGE_INIT(&fcavtal__v1__date__descriptor), 2024, 3, 1 };
    Fcavtal__V1__Participation p = FCAVTAL__V1__PARTICIPATION__INIT, *ps[] = { &p };
    p.operation_id = 1;
    p.co_located = 1;
    p.joined = &joined;
    Fcavtal__V1__Centre c = FCAVTAL__V1__CENTRE__INIT;
    c.name = "Familjecentralen Hjällbo";
    c.municipality_id = 2;
    c.participations = ps;
    c.n_participations = 1;
    Fcavtal__V1__PutCentre pc = FCAVTAL__V1__PUT_CENTRE__INIT;
    pc.centre = &c;
    Req rc = req_with("centre-1", BODY(PUT_CENTRE));
    rc.put_centre = &pc;
    write_seed("put_centre", &rc);
    Fcavtal__V1__CentreAsOf asof = FCAVTAL__V1__CENTRE_AS_OF__INIT;
    asof.centre_id = 1;
    asof.date = &joined;
    Req ra = req_with("", BODY(CENTRE_AS_OF));
    ra.centre_as_of = &asof;
    write_seed("centre_as_of", &ra);
}

static void agreements(void)
{
    Fcavtal__V1__Date start = { PROTOBUF_C_MESSAGE_INIT(&fcavtal__v1__date__descriptor), 2024, 3, 1 };
    Fcavtal__V1__Date end = { PROTOBUF_C_MESSAGE_INIT(&fcavtal__v1__date__descriptor), 2025, 12, 31 };
    Fcavtal__V1__Term term = FCAVTAL__V1__TERM__INIT;
    term.start = &start;
    term.end = &end;
    term.renewal_months = 24;
    term.notice_months = 12;
    Fcavtal__V1__Party a = FCAVTAL__V1__PARTY__INIT, b = FCAVTAL__V1__PARTY__INIT, *ps[] = { &a, &b };
    a.organisation_id = 1;
    b.organisation_id = 2;
    Fcavtal__V1__Agreement ag = FCAVTAL__V1__AGREEMENT__INIT;
    ag.kind = FCAVTAL__V1__AGREEMENT_KIND__AGREEMENT_KIND_FRAMEWORK;
    ag.title = "Samverkansavtal familjecentraler";
    ag.case_number = "RS 2019-0829";
    ag.rule_set = FCAVTAL__V1__RULE_SET__RULE_SET_VG;
    ag.term = &term;
    ag.parties = ps;
    ag.n_parties = 2;
    Fcavtal__V1__PutAgreement put = FCAVTAL__V1__PUT_AGREEMENT__INIT;
    put.agreement = &ag;
    Req r = req_with("agreement-1", BODY(PUT_AGREEMENT));
    r.put_agreement = &put;
    write_seed("put_agreement", &r);
    Fcavtal__V1__AgreementAction act = FCAVTAL__V1__AGREEMENT_ACTION__INIT;
    act.agreement_id = 1;
    act.note = "skickat";
    Req s = req_with("send-1", BODY(SEND_FOR_SIGNATURE));
    s.send_for_signature = &act;
    write_seed("send_for_signature", &s);
    Fcavtal__V1__Signature sig = FCAVTAL__V1__SIGNATURE__INIT;
    sig.organisation_id = 1;
    sig.date = &start;
    sig.place = "Vänersborg";
    sig.name = "Anna Andersson";
    sig.title = "Regiondirektör";
    Fcavtal__V1__SignAgreement sa = FCAVTAL__V1__SIGN_AGREEMENT__INIT;
    sa.agreement_id = 1;
    sa.signature = &sig;
    Req sr = req_with("sign-1", BODY(SIGN));
    sr.sign = &sa;
    write_seed("sign", &sr);
    Fcavtal__V1__RecordNotice rn = FCAVTAL__V1__RECORD_NOTICE__INIT;
    rn.agreement_id = 1;
    rn.received = &end;
    rn.from_organisation_id = 2;
    Req nr = req_with("notice-1", BODY(RECORD_NOTICE));
    nr.record_notice = &rn;
    write_seed("record_notice", &nr);
    Fcavtal__V1__Terminate t = FCAVTAL__V1__TERMINATE__INIT;
    t.agreement_id = 1;
    t.effective = &end;
    Req tr = req_with("terminate-1", BODY(TERMINATE));
    tr.terminate = &t;
    write_seed("terminate", &tr);
    Req er = req_with("expire-1", BODY(EXPIRE));
    er.expire = &act;
    write_seed("expire", &er);
    Fcavtal__V1__AmendAgreement am = FCAVTAL__V1__AMEND_AGREEMENT__INIT;
    uint64_t approvers[] = { 1, 2 };
    am.agreement_id = 1;
    am.agreement = &ag;
    am.approved_by = approvers;
    am.n_approved_by = 2;
    Req ar = req_with("amend-1", BODY(AMEND));
    ar.amend = &am;
    write_seed("amend", &ar);
    Fcavtal__V1__ListAgreements la = FCAVTAL__V1__LIST_AGREEMENTS__INIT;
    la.organisation_id = 2;
    la.status = FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_ACTIVE;
    Req lr = req_with("", BODY(LIST_AGREEMENTS));
    lr.list_agreements = &la;
    write_seed("list_agreements", &lr);
    Fcavtal__V1__ImportBatch batch = FCAVTAL__V1__IMPORT_BATCH__INIT;
    Fcavtal__V1__Agreement *as[] = { &ag };
    batch.agreements = as;
    batch.n_agreements = 1;
    Req ir = req_with("import-1", BODY(IMPORT_BATCH));
    ir.import_batch = &batch;
    write_seed("import_batch", &ir);
}

static void core_requests(void)
{
    Fcavtal__V1__AuditQuery q = FCAVTAL__V1__AUDIT_QUERY__INIT;
    q.entity = "agreement";
    q.id = 1;
    Req a = req_with("", BODY(AUDIT));
    a.audit = &q;
    write_seed("audit", &a);
    Fcavtal__V1__SnapshotRequest s = FCAVTAL__V1__SNAPSHOT_REQUEST__INIT;
    s.max_records = 2;
    Req sn = req_with("", BODY(SNAPSHOT));
    sn.snapshot = &s;
    write_seed("snapshot", &sn);
    Fcavtal__V1__TodayRequest t = FCAVTAL__V1__TODAY_REQUEST__INIT;
    Req tr = req_with("", BODY(TODAY));
    tr.today = &t;
    write_seed("today", &tr);
    Fcavtal__V1__Date d = { PROTOBUF_C_MESSAGE_INIT(&fcavtal__v1__date__descriptor), 2026, 1, 1 };
    Fcavtal__V1__SetTodayRequest st = FCAVTAL__V1__SET_TODAY_REQUEST__INIT;
    st.today = &d;
    Req sr = req_with("today-1", BODY(SET_TODAY));
    sr.set_today = &st;
    write_seed("set_today", &sr);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    dir = argv[1];
    organisations();
    operations_and_centre();
    agreements();
    core_requests();
    printf("%d seeds in %s\n", n_written, dir);
    return 0;
}
