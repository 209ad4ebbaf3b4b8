#include "registry_client.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fcavtal/date.h"

/* ------------------------------------------------------------ service */

int rc_harness_start(fc_harness_t *h, const char *const *extra_args)
{
    return fc_harness_start(h, FC_REGISTRY_BIN, extra_args);
}

int rc_harness_stop(fc_harness_t *h, int sig)
{
    return fc_harness_stop(h, sig);
}

void rc_harness_cleanup(fc_harness_t *h)
{
    fc_harness_cleanup(h);
}

int rc_connect_curve(rc_t *r, const char *server_public_key, const char *client_cert)
{
    fc_client_destroy(&r->client);
    fc_client_opts_t opts = { .endpoint = r->h.endpoint,
                              .server_public_key = server_public_key,
                              .client_cert = client_cert,
                              .timeout_ms = r->timeout_ms > 0 ? r->timeout_ms : 5000 };
    r->client = fc_client_new(&opts);
    return r->client ? 0 : -1;
}

int rc_connect(rc_t *r)
{
    return rc_connect_curve(r, NULL, NULL);
}

int rc_start(rc_t *r, const char *const *extra_args)
{
    if (!r->actor)
        r->actor = "tester";
    if (rc_harness_start(&r->h, extra_args))
        return -1;
    return rc_connect(r);
}

int rc_stop(rc_t *r, int sig)
{
    fc_client_destroy(&r->client);
    if (r->h.pid <= 0)
        return -1;
    int status = fc_harness_stop(&r->h, sig);
    r->stop_timed_out = r->h.stop_timed_out;
    return status;
}

int rc_restart(rc_t *r, const char *const *extra_args)
{
    if (r->h.pid > 0)
        rc_stop(r, SIGTERM);
    fc_client_destroy(&r->client);
    return rc_start(r, extra_args);
}

void rc_cleanup(rc_t *r)
{
    fc_client_destroy(&r->client);
    rc_harness_cleanup(&r->h);
}

/* ------------------------------------------------------------ requests */

const char *rc_next_id(rc_t *r)
{
    snprintf(r->last_id, sizeof r->last_id, "req-%u", ++r->counter);
    return r->last_id;
}

uint8_t *rc_pack(const rc_req_t *req, size_t *size)
{
    *size = protobuf_c_message_get_packed_size(&req->base);
    uint8_t *buf = malloc(*size ? *size : 1);
    if (buf)
        protobuf_c_message_pack(&req->base, buf);
    return buf;
}

rc_rep_t *rc_send_bytes(rc_t *r, const void *data, size_t size)
{
    if (!r->client || fc_client_send(r->client, data, size))
        return NULL;
    uint8_t *reply = NULL;
    size_t n = 0;
    if (fc_client_recv(r->client, &reply, &n))
        return NULL;
    rc_rep_t *rep = fcavtal__v1__registry_reply__unpack(NULL, n, reply);
    free(reply);
    return rep;
}

rc_rep_t *rc_call_raw(rc_t *r, rc_req_t *req)
{
    if (!req->actor || !*req->actor)
        req->actor = (char *)(r->actor ? r->actor : "tester");
    size_t size;
    uint8_t *buf = rc_pack(req, &size);
    if (!buf)
        return NULL;
    rc_rep_t *rep = rc_send_bytes(r, buf, size);
    free(buf);
    return rep;
}

rc_rep_t *rc_call(rc_t *r, rc_req_t *req)
{
    if (!req->request_id || !*req->request_id)
        req->request_id = (char *)rc_next_id(r);
    return rc_call_raw(r, req);
}

void rc_free(rc_rep_t *rep)
{
    if (rep)
        fcavtal__v1__registry_reply__free_unpacked(rep, NULL);
}

int rc_code(const rc_rep_t *rep)
{
    if (!rep)
        return -1;
    return rep->status ? (int)rep->status->code : 0;
}

const char *rc_message(const rc_rep_t *rep)
{
    return rep && rep->status && rep->status->message ? rep->status->message : "";
}

bool rc_has_violation(const rc_rep_t *rep, const char *field)
{
    if (!rep || !rep->status)
        return false;
    for (size_t i = 0; i < rep->status->n_violations; i++)
        if (strcmp(rep->status->violations[i]->field, field) == 0)
            return true;
    return false;
}

bool rc_has_warning(const rc_rep_t *rep, const char *needle)
{
    for (size_t i = 0; rep && i < rep->n_warnings; i++)
        if (strstr(rep->warnings[i], needle))
            return true;
    return false;
}

const char *rc_describe(const rc_rep_t *rep)
{
    static char buf[2048];
    if (!rep)
        return "no reply";
    int n = snprintf(buf, sizeof buf, "code=%d message='%s' violations=[", rc_code(rep),
                     rc_message(rep));
    for (size_t i = 0; rep->status && i < rep->status->n_violations && n > 0
                       && (size_t)n < sizeof buf; i++)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%s: %s", i ? "; " : "",
                      rep->status->violations[i]->field, rep->status->violations[i]->description);
    if (n > 0 && (size_t)n < sizeof buf)
        n += snprintf(buf + n, sizeof buf - (size_t)n, "] warnings=%zu", rep->n_warnings);
    return buf;
}

/* ------------------------------------------------------------ values */

bool rc_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        int n = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
                : (*p & 0xf8) == 0xf0 ? 3 : -1;
        if (n < 0 || (n == 1 && *p < 0xc2))
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xc0) != 0x80)
                return false;
    }
    return true;
}

Fcavtal__V1__Date rc_date(const char *text)
{
    Fcavtal__V1__Date d = FCAVTAL__V1__DATE__INIT;
    fc_date_t v;
    if (text && fc_date_parse(text, &v) == 0) {
        d.year = v.year;
        d.month = v.month;
        d.day = v.day;
    }
    return d;
}

bool rc_date_is(const Fcavtal__V1__Date *d, const char *text)
{
    fc_date_t v;
    if (!d || fc_date_parse(text, &v))
        return false;
    return d->year == v.year && d->month == v.month && d->day == v.day;
}

char *rc_orgnr(char out[12], unsigned n)
{
    char digits[10];
    snprintf(digits, sizeof digits, "21%07u", n % 10000000u);
    int sum = 0;
    for (int i = 0; i < 9; i++) {
        int v = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += v > 9 ? v - 9 : v;
    }
    int check = (10 - sum % 10) % 10;
    snprintf(out, 12, "%.6s-%.3s%d", digits, digits + 6, check);
    return out;
}

/* ------------------------------------------------------------ records */

rc_rep_t *rc_put_org(rc_t *r, uint64_t id, const char *orgnr, const char *name,
                     Fcavtal__V1__OrgKind kind, uint64_t region_id)
{
    Fcavtal__V1__OrgNumber num = FCAVTAL__V1__ORG_NUMBER__INIT;
    num.value = (char *)(orgnr ? orgnr : "");
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    org.id = id;
    org.org_number = &num;
    org.name = (char *)(name ? name : "");
    org.kind = kind;
    org.region_id = region_id;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    put.organisation = &org;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_ORGANISATION);
    req.put_organisation = &put;
    return rc_call(r, &req);
}

uint64_t rc_org(rc_t *r, const char *orgnr, const char *name, Fcavtal__V1__OrgKind kind,
                uint64_t region_id)
{
    rc_rep_t *rep = rc_put_org(r, 0, orgnr, name, kind, region_id);
    uint64_t id = rc_code(rep) == 0 && rep->organisation ? rep->organisation->id : 0;
    if (!id)
        fprintf(stderr, "rc_org %s: %s\n", orgnr, rc_describe(rep));
    rc_free(rep);
    return id;
}

rc_rep_t *rc_put_op(rc_t *r, uint64_t id, uint64_t organisation_id,
                    Fcavtal__V1__OperationKind kind, const char *name)
{
    Fcavtal__V1__Operation op = FCAVTAL__V1__OPERATION__INIT;
    op.id = id;
    op.organisation_id = organisation_id;
    op.kind = kind;
    op.name = (char *)(name ? name : "");
    Fcavtal__V1__PutOperation put = FCAVTAL__V1__PUT_OPERATION__INIT;
    put.operation = &op;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_OPERATION);
    req.put_operation = &put;
    return rc_call(r, &req);
}

uint64_t rc_op(rc_t *r, uint64_t organisation_id, Fcavtal__V1__OperationKind kind,
               const char *name)
{
    rc_rep_t *rep = rc_put_op(r, 0, organisation_id, kind, name);
    uint64_t id = rc_code(rep) == 0 && rep->operation ? rep->operation->id : 0;
    if (!id)
        fprintf(stderr, "rc_op %s: %s\n", name, rc_describe(rep));
    rc_free(rep);
    return id;
}


rc_rep_t *rc_put_centre(rc_t *r, const rc_centre_t *spec)
{
    size_t n = spec->n_parts ? spec->n_parts : 1;
    Fcavtal__V1__Participation *part = calloc(n, sizeof *part), **part_ptr = calloc(n, sizeof *part_ptr);
    Fcavtal__V1__Date *joined = calloc(n, sizeof *joined), *left = calloc(n, sizeof *left);
    rc_rep_t *rep = NULL;
    if (!part || !part_ptr || !joined || !left)
        goto done;
    for (size_t i = 0; i < spec->n_parts; i++) {
        fcavtal__v1__participation__init(&part[i]);
        part[i].operation_id = spec->parts[i].operation_id;
        part[i].co_located = spec->parts[i].co_located;
        joined[i] = rc_date(spec->parts[i].joined);
        part[i].joined = &joined[i];
        if (spec->parts[i].left) {
            left[i] = rc_date(spec->parts[i].left);
            part[i].left = &left[i];
        }
        part_ptr[i] = &part[i];
    }
    Fcavtal__V1__Address addr = FCAVTAL__V1__ADDRESS__INIT;
    addr.street = "Testgatan 1";
    addr.postal_code = "123 45";
    addr.city = "Teststad";
    Fcavtal__V1__Centre c = FCAVTAL__V1__CENTRE__INIT;
    c.id = spec->id;
    c.name = (char *)(spec->name ? spec->name : "");
    c.address = &addr;
    c.municipality_id = spec->municipality_id;
    c.framework_id = spec->framework_id;
    c.prioritised_area = spec->prioritised_area;
    c.n_participations = spec->n_parts;
    c.participations = spec->n_parts ? part_ptr : NULL;
    Fcavtal__V1__PutCentre put = FCAVTAL__V1__PUT_CENTRE__INIT;
    put.centre = &c;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_CENTRE);
    req.put_centre = &put;
    rep = rc_call(r, &req);
done:
    free(part);
    free(part_ptr);
    free(joined);
    free(left);
    return rep;
}

uint64_t rc_centre(rc_t *r, const rc_centre_t *spec)
{
    rc_rep_t *rep = rc_put_centre(r, spec);
    uint64_t id = rc_code(rep) == 0 && rep->centre ? rep->centre->id : 0;
    if (!id)
        fprintf(stderr, "rc_centre %s: %s\n", spec->name, rc_describe(rep));
    rc_free(rep);
    return id;
}

Fcavtal__V1__Agreement *rc_agreement_build(rc_agreement_store_t *s, const rc_agreement_t *spec)
{
    Fcavtal__V1__Agreement *a = &s->a;
    fcavtal__v1__agreement__init(a);
    fcavtal__v1__term__init(&s->term);
    a->id = spec->id;
    a->kind = spec->kind;
    a->title = (char *)(spec->title ? spec->title : "");
    a->case_number = (char *)(spec->case_number ? spec->case_number : "");
    a->rule_set = spec->rule_set;
    a->framework_id = spec->framework_id;
    a->centre_id = spec->centre_id;
    a->change_note = (char *)(spec->change_note ? spec->change_note : "");
    size_t n = spec->n_parties < 16 ? spec->n_parties : 16;
    for (size_t i = 0; i < n; i++) {
        fcavtal__v1__party__init(&s->party[i]);
        s->party[i].organisation_id = spec->parties[i].organisation_id;
        s->party[i].operation_id = spec->parties[i].operation_id;
        s->party_ptr[i] = &s->party[i];
    }
    a->n_parties = n;
    a->parties = n ? s->party_ptr : NULL;
    s->start = rc_date(spec->start);
    s->end = rc_date(spec->end);
    s->term.start = spec->start ? &s->start : NULL;
    s->term.end = spec->end ? &s->end : NULL;
    s->term.until_further_notice = spec->until_further_notice;
    s->term.renewal_months = spec->renewal_months;
    s->term.notice_months = spec->notice_months;
    a->term = &s->term;
    return a;
}

rc_rep_t *rc_put_agreement(rc_t *r, const rc_agreement_t *spec)
{
    rc_agreement_store_t store;
    Fcavtal__V1__PutAgreement put = FCAVTAL__V1__PUT_AGREEMENT__INIT;
    put.agreement = rc_agreement_build(&store, spec);
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(PUT_AGREEMENT);
    req.put_agreement = &put;
    return rc_call(r, &req);
}

uint64_t rc_agreement(rc_t *r, const rc_agreement_t *spec)
{
    rc_rep_t *rep = rc_put_agreement(r, spec);
    uint64_t id = rc_code(rep) == 0 && rep->agreement ? rep->agreement->id : 0;
    if (!id)
        fprintf(stderr, "rc_agreement %s: %s\n", spec->title, rc_describe(rep));
    rc_free(rep);
    return id;
}

rc_rep_t *rc_get(rc_t *r, Fcavtal__V1__RegistryRequest__BodyCase which, uint64_t id)
{
    Fcavtal__V1__GetById get = FCAVTAL__V1__GET_BY_ID__INIT;
    get.id = id;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = which;
    switch (which) {
    case RC_BODY(GET_ORGANISATION): req.get_organisation = &get; break;
    case RC_BODY(GET_OPERATION): req.get_operation = &get; break;
    case RC_BODY(GET_CENTRE): req.get_centre = &get; break;
    case RC_BODY(GET_AGREEMENT): req.get_agreement = &get; break;
    case RC_BODY(AGREEMENT_HISTORY): req.agreement_history = &get; break;
    default: return NULL;
    }
    return rc_call_raw(r, &req);
}

rc_rep_t *rc_snapshot_page(rc_t *r, const uint8_t *cursor, size_t cursor_len, uint32_t max)
{
    Fcavtal__V1__SnapshotRequest s = FCAVTAL__V1__SNAPSHOT_REQUEST__INIT;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    s.cursor.data = (uint8_t *)cursor;
    s.cursor.len = cursor_len;
    s.max_records = max;
    req.body_case = RC_BODY(SNAPSHOT);
    req.snapshot = &s;
    return rc_call_raw(r, &req);
}

static int grow_ptrs(void *items_field, size_t n)
{
    void ***items = items_field;
    void **grown = realloc(*items, (n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    *items = grown;
    return 0;
}

/* The entity is a oneof: its members share one pointer, so the case says
 * which it is. */
static int state_take(rc_state_t *s, const Fcavtal__V1__SnapshotPage *page)
{
    for (size_t i = 0; i < page->n_records; i++) {
        const Fcavtal__V1__RegistryEvent *e = page->records[i];
        int rc = 0;
        switch (e->entity_case) {
        case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION:
            if (!(rc = grow_ptrs(&s->organisations, s->n_organisations)))
                s->organisations[s->n_organisations++] = e->organisation;
            break;
        case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION:
            if (!(rc = grow_ptrs(&s->operations, s->n_operations)))
                s->operations[s->n_operations++] = e->operation;
            break;
        case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE:
            if (!(rc = grow_ptrs(&s->centres, s->n_centres)))
                s->centres[s->n_centres++] = e->centre;
            break;
        case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT:
            if (!(rc = grow_ptrs(&s->agreements, s->n_agreements)))
                s->agreements[s->n_agreements++] = e->agreement;
            break;
        default:
            rc = -1;
        }
        if (rc)
            return -1;
    }
    return 0;
}

rc_state_t *rc_state(rc_t *r)
{
    rc_state_t *s = calloc(1, sizeof *s);
    const uint8_t *cursor = NULL;
    size_t len = 0;
    while (s) {
        rc_rep_t *rep = rc_snapshot_page(r, cursor, len, 0);
        if (rc_code(rep) != 0 || !rep->snapshot || grow_ptrs(&s->pages, s->n_pages)) {
            rc_free(rep);
            rc_state_free(&s);
            break;
        }
        s->pages[s->n_pages++] = rep;
        if (s->n_pages == 1)
            s->seq = rep->snapshot->seq;
        if (state_take(s, rep->snapshot)) {
            rc_state_free(&s);
            break;
        }
        cursor = rep->snapshot->next_cursor.data;
        len = rep->snapshot->next_cursor.len;
        if (!len)
            break;
    }
    return s;
}

void rc_state_free(rc_state_t **state_p)
{
    if (!state_p || !*state_p)
        return;
    rc_state_t *s = *state_p;
    for (size_t i = 0; i < s->n_pages; i++)
        rc_free(s->pages[i]);
    free(s->pages);
    free(s->organisations);
    free(s->operations);
    free(s->centres);
    free(s->agreements);
    free(s);
    *state_p = NULL;
}

uint8_t *rc_snapshot_bytes(rc_t *r, size_t *size)
{
    rc_state_t *s = rc_state(r);
    uint8_t *buf = NULL;
    *size = 0;
    for (size_t i = 0; s && i < s->n_pages; i++) {
        const Fcavtal__V1__SnapshotPage *p = s->pages[i]->snapshot;
        size_t n = fcavtal__v1__snapshot_page__get_packed_size(p);
        uint8_t *grown = realloc(buf, *size + n + 1);
        if (!grown) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        fcavtal__v1__snapshot_page__pack(p, buf + *size);
        *size += n;
    }
    if (!buf && s)
        buf = malloc(1);
    rc_state_free(&s);
    return buf;
}

rc_rep_t *rc_centre_as_of(rc_t *r, uint64_t centre_id, const char *date)
{
    Fcavtal__V1__Date d = rc_date(date);
    Fcavtal__V1__CentreAsOf q = FCAVTAL__V1__CENTRE_AS_OF__INIT;
    q.centre_id = centre_id;
    q.date = &d;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(CENTRE_AS_OF);
    req.centre_as_of = &q;
    return rc_call_raw(r, &req);
}

rc_rep_t *rc_audit(rc_t *r, const char *entity, uint64_t id, uint64_t after_seq, uint32_t limit)
{
    Fcavtal__V1__AuditQuery q = FCAVTAL__V1__AUDIT_QUERY__INIT;
    q.entity = (char *)(entity ? entity : "");
    q.id = id;
    q.after_seq = after_seq;
    q.limit = limit;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(AUDIT);
    req.audit = &q;
    return rc_call_raw(r, &req);
}

/* ------------------------------------------------------------ lifecycle */

static rc_rep_t *action(rc_t *r, Fcavtal__V1__RegistryRequest__BodyCase which, uint64_t id)
{
    Fcavtal__V1__AgreementAction act = FCAVTAL__V1__AGREEMENT_ACTION__INIT;
    act.agreement_id = id;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = which;
    switch (which) {
    case RC_BODY(SEND_FOR_SIGNATURE): req.send_for_signature = &act; break;
    case RC_BODY(WITHDRAW): req.withdraw = &act; break;
    case RC_BODY(EXPIRE): req.expire = &act; break;
    default: return NULL;
    }
    return rc_call(r, &req);
}

rc_rep_t *rc_send_for_signature(rc_t *r, uint64_t agreement_id)
{
    return action(r, RC_BODY(SEND_FOR_SIGNATURE), agreement_id);
}

rc_rep_t *rc_withdraw(rc_t *r, uint64_t agreement_id)
{
    return action(r, RC_BODY(WITHDRAW), agreement_id);
}

rc_rep_t *rc_expire(rc_t *r, uint64_t agreement_id)
{
    return action(r, RC_BODY(EXPIRE), agreement_id);
}

rc_rep_t *rc_sign(rc_t *r, uint64_t agreement_id, uint64_t organisation_id, uint64_t operation_id,
                  const char *date)
{
    Fcavtal__V1__Date d = rc_date(date);
    Fcavtal__V1__Signature sig = FCAVTAL__V1__SIGNATURE__INIT;
    sig.organisation_id = organisation_id;
    sig.operation_id = operation_id;
    sig.date = &d;
    sig.place = "Göteborg";
    sig.name = "Anna Andersson";
    sig.title = "Förvaltningschef";
    Fcavtal__V1__SignAgreement s = FCAVTAL__V1__SIGN_AGREEMENT__INIT;
    s.agreement_id = agreement_id;
    s.signature = &sig;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(SIGN);
    req.sign = &s;
    return rc_call(r, &req);
}

rc_rep_t *rc_record_notice(rc_t *r, uint64_t agreement_id, uint64_t from_organisation_id,
                           const char *received)
{
    Fcavtal__V1__Date d = rc_date(received);
    Fcavtal__V1__RecordNotice n = FCAVTAL__V1__RECORD_NOTICE__INIT;
    n.agreement_id = agreement_id;
    n.from_organisation_id = from_organisation_id;
    n.received = &d;
    n.note = "uppsägning";
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(RECORD_NOTICE);
    req.record_notice = &n;
    return rc_call(r, &req);
}

rc_rep_t *rc_terminate(rc_t *r, uint64_t agreement_id, const char *effective)
{
    Fcavtal__V1__Date d = rc_date(effective);
    Fcavtal__V1__Terminate t = FCAVTAL__V1__TERMINATE__INIT;
    t.agreement_id = agreement_id;
    t.effective = effective ? &d : NULL;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(TERMINATE);
    req.terminate = &t;
    return rc_call(r, &req);
}

rc_rep_t *rc_amend(rc_t *r, uint64_t agreement_id, const rc_agreement_t *content,
                   const uint64_t *approved_by, size_t n_approved, const char *note)
{
    rc_agreement_store_t store;
    Fcavtal__V1__AmendAgreement am = FCAVTAL__V1__AMEND_AGREEMENT__INIT;
    am.agreement_id = agreement_id;
    am.agreement = content ? rc_agreement_build(&store, content) : NULL;
    am.approved_by = (uint64_t *)approved_by;
    am.n_approved_by = n_approved;
    am.note = (char *)(note ? note : "");
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.body_case = RC_BODY(AMEND);
    req.amend = &am;
    return rc_call(r, &req);
}

/* ------------------------------------------------------------ world */

int rc_world(rc_t *r, rc_world_t *w)
{
    memset(w, 0, sizeof *w);
    w->region = rc_org(r, "232100-0131", "Västra Götalandsregionen", RC_ORG(REGION), 0);
    w->muni = rc_org(r, "212000-1355", "Göteborgs kommun", RC_ORG(MUNICIPALITY), w->region);
    if (!w->region || !w->muni)
        return -1;
    w->bhv = rc_op(r, w->region, RC_OPK(BHV), "BVC Centrum");
    w->mhv = rc_op(r, w->region, RC_OPK(MHV), "BMM Centrum");
    w->ofs = rc_op(r, w->muni, RC_OPK(OFS), "Öppna förskolan Centrum");
    w->soc = rc_op(r, w->muni, RC_OPK(SOC), "Förebyggande socialtjänst Centrum");
    if (!w->bhv || !w->mhv || !w->ofs || !w->soc)
        return -1;
    rc_party_t fw_parties[] = { { w->region, 0 }, { w->muni, 0 } };
    rc_agreement_t fw = {
        .kind = RC_AKIND(FRAMEWORK), .title = "Samverkansavtal familjecentraler VG",
        .case_number = "RS 2019-0829", .rule_set = RC_RULES(VG), .parties = fw_parties,
        .n_parties = 2, .start = "2024-03-01", .end = "2025-12-31", .renewal_months = 24,
        .notice_months = 12,
    };
    w->framework = rc_agreement(r, &fw);
    if (!w->framework)
        return -1;
    rc_part_t parts[] = {
        { w->bhv, true, "2024-01-01", NULL }, { w->mhv, true, "2024-01-01", NULL },
        { w->ofs, true, "2024-01-01", NULL }, { w->soc, true, "2024-01-01", NULL },
    };
    rc_centre_t c = { .name = "Familjecentralen Centrum", .municipality_id = w->muni,
                      .framework_id = w->framework, .parts = parts, .n_parts = 4 };
    w->centre = rc_centre(r, &c);
    return w->centre ? 0 : -1;
}

rc_agreement_t rc_world_local(const rc_world_t *w, rc_party_t parties[4])
{
    parties[0] = (rc_party_t){ w->region, w->bhv };
    parties[1] = (rc_party_t){ w->region, w->mhv };
    parties[2] = (rc_party_t){ w->muni, w->ofs };
    parties[3] = (rc_party_t){ w->muni, w->soc };
    return (rc_agreement_t){
        .kind = RC_AKIND(LOCAL), .title = "Samverkansavtal Familjecentralen Centrum",
        .case_number = "SLK-2023-00875", .framework_id = w->framework, .centre_id = w->centre,
        .parties = parties, .n_parties = 4, .start = "2024-06-01", .end = "2028-05-31",
        .notice_months = 6,
    };
}

int rc_send_new_municipality(rc_t *r, const char *orgnr, const char *name,
                             const char *request_id)
{
    Fcavtal__V1__OrgNumber num = FCAVTAL__V1__ORG_NUMBER__INIT;
    num.value = (char *)orgnr;
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    org.org_number = &num;
    org.name = (char *)name;
    org.kind = RC_ORG(MUNICIPALITY);
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    put.organisation = &org;
    rc_req_t req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    req.request_id = (char *)request_id;
    req.actor = "tester";
    req.body_case = RC_BODY(PUT_ORGANISATION);
    req.put_organisation = &put;
    size_t size;
    uint8_t *buf = rc_pack(&req, &size);
    int rc = buf ? fc_client_send(r->client, buf, size) : -1;
    free(buf);
    return rc;
}
