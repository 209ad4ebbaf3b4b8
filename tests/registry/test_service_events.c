/* Every change is published as [topic][RegistryEvent] with a gapless
 * sequence number; a late subscriber resyncs from a snapshot; the audit trail
 * tells who did what with which request. */
#include <criterion/criterion.h>
#include <czmq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry_client.h"

static rc_t R;
static zsock_t *SUB;

static void setup(void)
{
    memset(&R, 0, sizeof R);
    SUB = NULL;
    static const char *const args[] = { "--today", "2026-11-23", NULL };
    cr_assert_eq(rc_start(&R, args), 0, "the registry did not start");
}

static void teardown(void)
{
    zsock_destroy(&SUB);
    rc_cleanup(&R);
}

/* Subscribes to every registry event and waits for the subscription to
 * reach the publisher (ZeroMQ gives no signal for that). */
static void subscribe(void)
{
    SUB = zsock_new_sub(R.h.pub_endpoint, "registry.");
    cr_assert_not_null(SUB, "cannot subscribe to %s", R.h.pub_endpoint);
    zsock_set_rcvtimeo(SUB, 3000);
    zclock_sleep(300);
}

typedef struct {
    char topic[128];
    Fcavtal__V1__RegistryEvent *ev;
} event_t;

static event_t next_event(void)
{
    event_t e = { "", NULL };
    zmsg_t *msg = zmsg_recv(SUB);
    cr_assert_not_null(msg, "no event within 3 s");
    cr_assert_eq(zmsg_size(msg), 2, "an event is [topic][payload]");
    zframe_t *topic = zmsg_first(msg);
    zframe_t *payload = zmsg_next(msg);
    snprintf(e.topic, sizeof e.topic, "%.*s", (int)zframe_size(topic),
             (const char *)zframe_data(topic));
    e.ev = fcavtal__v1__registry_event__unpack(NULL, zframe_size(payload), zframe_data(payload));
    zmsg_destroy(&msg);
    cr_assert_not_null(e.ev, "the event payload does not decode");
    return e;
}

static void free_event(event_t *e)
{
    if (e->ev)
        fcavtal__v1__registry_event__free_unpacked(e->ev, NULL);
    e->ev = NULL;
}

static uint64_t entity_id(const Fcavtal__V1__RegistryEvent *ev)
{
    switch (ev->entity_case) {
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION: return ev->organisation->id;
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION: return ev->operation->id;
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE: return ev->centre->id;
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT: return ev->agreement->id;
    default: return 0;
    }
}

static const char *entity_name(const Fcavtal__V1__RegistryEvent *ev)
{
    switch (ev->entity_case) {
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_ORGANISATION: return "organisation";
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_OPERATION: return "operation";
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_CENTRE: return "centre";
    case FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT: return "agreement";
    default: return "none";
    }
}

Test(service_events, every_change_is_published_in_sequence, .init = setup, .fini = teardown)
{
    subscribe();
    rc_world_t w;
    cr_assert_eq(rc_world(&R, &w), 0);
    /* rc_world's changes, in order. */
    const struct {
        const char *action;
        uint64_t id;
    } want[] = {
        { "organisation.created", w.region }, { "organisation.created", w.muni },
        { "operation.created", w.bhv },       { "operation.created", w.mhv },
        { "operation.created", w.ofs },       { "operation.created", w.soc },
        { "agreement.created", w.framework }, { "centre.created", w.centre },
    };
    const size_t n = sizeof want / sizeof want[0];
    for (size_t i = 0; i < n; i++) {
        event_t e = next_event();
        cr_assert_eq(e.ev->seq, i + 1, "event %zu has seq %llu", i,
                     (unsigned long long)e.ev->seq);
        char topic[128];
        snprintf(topic, sizeof topic, "registry.%s", want[i].action);
        cr_assert_str_eq(e.topic, topic);
        cr_assert_str_eq(e.ev->action, want[i].action);
        cr_assert(strncmp(want[i].action, entity_name(e.ev), strlen(entity_name(e.ev))) == 0,
                  "%s carries a %s", want[i].action, entity_name(e.ev));
        cr_assert_eq(entity_id(e.ev), want[i].id, "%s", want[i].action);
        cr_assert_str_eq(e.ev->actor, "local:tester");
        cr_assert_gt(e.ev->at_unix_ms, 1600000000000LL);
        free_event(&e);
    }

    /* A failed change publishes nothing; the next one follows on. */
    rc_rep_t *rep = rc_put_org(&R, 0, "212000-1968", "Fel", RC_ORG(MUNICIPALITY), 0);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT));
    rc_free(rep);
    rep = rc_put_org(&R, w.muni, "212000-1355", "Göteborgs Stad", RC_ORG(MUNICIPALITY), w.region);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->seq, n + 1, "the reply carries the change's seq");
    rc_free(rep);
    event_t e = next_event();
    cr_assert_eq(e.ev->seq, n + 1, "no gap after a failure");
    cr_assert_str_eq(e.topic, "registry.organisation.updated");
    cr_assert_str_eq(e.ev->organisation->name, "Göteborgs Stad", "the event carries the record");
    free_event(&e);

    /* Reads publish nothing: the next event is the next change. */
    rc_state_t *first = rc_state(&R);
    rc_state_free(&first);
    rep = rc_send_for_signature(&R, w.framework);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    e = next_event();
    cr_assert_eq(e.ev->seq, n + 2);
    cr_assert_str_eq(e.topic, "registry.agreement.sent_for_signature");
    cr_assert_eq(e.ev->agreement->status, RC_STATUS(OUT_FOR_SIGNATURE));
    free_event(&e);
}

Test(service_events, pipelined_changes_publish_gapless_sequence, .init = setup, .fini = teardown)
{
    subscribe();
    enum { N = 24 };
    for (unsigned i = 0; i < N; i++) {
        char nr[12], name[32], rid[32];
        rc_orgnr(nr, i + 1);
        snprintf(name, sizeof name, "Kommun %u", i);
        snprintf(rid, sizeof rid, "pipe-%u", i);
        cr_assert_eq(rc_send_new_municipality(&R, nr, name, rid), 0);
    }
    for (unsigned i = 0; i < N; i++) {
        uint8_t *data;
        size_t size;
        cr_assert_eq(fc_client_recv(R.client, &data, &size), 0);
        free(data);
    }
    for (unsigned i = 0; i < N; i++) {
        event_t e = next_event();
        cr_assert_eq(e.ev->seq, i + 1);
        free_event(&e);
    }
}

/* The packed record from a get, to compare with the snapshot's. */
static bool same_record(const ProtobufCMessage *a, const ProtobufCMessage *b)
{
    size_t na = protobuf_c_message_get_packed_size(a), nb = protobuf_c_message_get_packed_size(b);
    if (na != nb)
        return false;
    uint8_t *pa = malloc(na + 1), *pb = malloc(nb + 1);
    cr_assert(pa && pb);
    protobuf_c_message_pack(a, pa);
    protobuf_c_message_pack(b, pb);
    bool same = memcmp(pa, pb, na) == 0;
    free(pa);
    free(pb);
    return same;
}

Test(service_events, late_subscriber_resyncs_from_a_snapshot, .init = setup, .fini = teardown)
{
    /* Changes nobody hears. */
    rc_world_t w;
    cr_assert_eq(rc_world(&R, &w), 0);
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&w, parties);
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    uint64_t local = rep->agreement->id;
    uint64_t last_seq = rep->seq;
    rc_free(rep);
    cr_assert_eq(last_seq, 9);

    /* Subscribe first, then ask for the snapshot: nothing falls between. */
    subscribe();
    rc_state_t *s = rc_state(&R);
    cr_assert_not_null(s);
    cr_assert_eq(s->seq, last_seq, "the snapshot is as of the last change");
    cr_assert_eq(s->n_organisations, 2);
    cr_assert_eq(s->n_operations, 4);
    cr_assert_eq(s->n_centres, 1);
    cr_assert_eq(s->n_agreements, 2);
    for (size_t i = 0; i < s->n_organisations; i++) {
        rc_rep_t *g = rc_get(&R, RC_BODY(GET_ORGANISATION), s->organisations[i]->id);
        cr_assert(same_record(&g->organisation->base, &s->organisations[i]->base),
                  "organisation %llu: the snapshot's record differs from get's",
                  (unsigned long long)s->organisations[i]->id);
        rc_free(g);
    }
    for (size_t i = 0; i < s->n_operations; i++) {
        rc_rep_t *g = rc_get(&R, RC_BODY(GET_OPERATION), s->operations[i]->id);
        cr_assert(same_record(&g->operation->base, &s->operations[i]->base),
                  "operation %llu: the snapshot's record differs from get's",
                  (unsigned long long)s->operations[i]->id);
        rc_free(g);
    }
    for (size_t i = 0; i < s->n_centres; i++) {
        rc_rep_t *g = rc_get(&R, RC_BODY(GET_CENTRE), s->centres[i]->id);
        cr_assert(same_record(&g->centre->base, &s->centres[i]->base),
                  "centre %llu: the snapshot's record differs from get's",
                  (unsigned long long)s->centres[i]->id);
        rc_free(g);
    }
    for (size_t i = 0; i < s->n_agreements; i++) {
        rc_rep_t *g = rc_get(&R, RC_BODY(GET_AGREEMENT), s->agreements[i]->id);
        cr_assert(same_record(&g->agreement->base, &s->agreements[i]->base),
                  "agreement %llu: the snapshot's record differs from get's",
                  (unsigned long long)s->agreements[i]->id);
        rc_free(g);
    }
    uint64_t snap_seq = s->seq;
    rc_state_free(&s);

    /* The next change is the next event: snapshot plus events, no gap. */
    rep = rc_send_for_signature(&R, local);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    event_t e = next_event();
    cr_assert_eq(e.ev->seq, snap_seq + 1);
    cr_assert_str_eq(e.topic, "registry.agreement.sent_for_signature");
    cr_assert_eq(e.ev->agreement->id, local);
    free_event(&e);

    /* The audit trail fills the gap for a subscriber that missed events. */
    rep = rc_audit(&R, "", 0, 3, 0);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    cr_assert_eq(rep->audit->n_events, snap_seq + 1 - 3);
    for (size_t i = 0; i < rep->audit->n_events; i++)
        cr_assert_eq(rep->audit->events[i]->seq, 4 + i);
    rc_free(rep);
    rep = rc_audit(&R, "", 0, 3, 2);
    cr_assert_eq(rep->audit->n_events, 2, "limit");
    cr_assert_eq(rep->audit->events[0]->seq, 4);
    rc_free(rep);
}

Test(service_events, audit_of_one_agreement, .init = setup, .fini = teardown)
{
    rc_world_t w;
    cr_assert_eq(rc_world(&R, &w), 0);
    R.actor = "samordnare-anna";
    rc_party_t parties[4];
    rc_agreement_t spec = rc_world_local(&w, parties);
    rc_rep_t *rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    uint64_t id = rep->agreement->id;
    char rid1[64];
    snprintf(rid1, sizeof rid1, "%s", R.last_id);
    rc_free(rep);

    /* Changes to other records in between. */
    cr_assert_neq(rc_org(&R, "212000-1967", "Örebro kommun", RC_ORG(MUNICIPALITY), 0), 0);
    rep = rc_send_for_signature(&R, w.framework);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);

    R.actor = "handlaggare-bo";
    spec.id = id;
    spec.title = "Reviderat utkast";
    rep = rc_put_agreement(&R, &spec);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    char rid2[64];
    snprintf(rid2, sizeof rid2, "%s", R.last_id);
    rc_free(rep);
    rep = rc_send_for_signature(&R, id);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    char rid3[64];
    snprintf(rid3, sizeof rid3, "%s", R.last_id);
    rc_free(rep);

    rep = rc_audit(&R, "agreement", id, 0, 0);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    const Fcavtal__V1__AuditLog *log = rep->audit;
    cr_assert_eq(log->n_events, 3);
    const struct {
        const char *action, *actor, *rid;
    } want[] = {
        { "agreement.created", "local:samordnare-anna", rid1 },
        { "agreement.updated", "local:handlaggare-bo", rid2 },
        { "agreement.sent_for_signature", "local:handlaggare-bo", rid3 },
    };
    for (size_t i = 0; i < 3; i++) {
        const Fcavtal__V1__RegistryEvent *ev = log->events[i];
        cr_assert_str_eq(ev->action, want[i].action);
        cr_assert_str_eq(ev->actor, want[i].actor);
        cr_assert_str_eq(ev->request_id, want[i].rid);
        cr_assert_eq(ev->entity_case, FCAVTAL__V1__REGISTRY_EVENT__ENTITY_AGREEMENT);
        cr_assert_eq(ev->agreement->id, id);
        cr_assert_eq(ev->agreement->version, i + 1);
        if (i)
            cr_assert_gt(ev->seq, log->events[i - 1]->seq);
    }
    rc_free(rep);

    /* By entity: the framework's own events only. */
    rep = rc_audit(&R, "agreement", w.framework, 0, 0);
    cr_assert_eq(rep->audit->n_events, 2);
    cr_assert_str_eq(rep->audit->events[0]->actor, "local:tester");
    rc_free(rep);
    rep = rc_audit(&R, "organisation", 0, 0, 0);
    cr_assert_eq(rep->audit->n_events, 3);
    rc_free(rep);
    rep = rc_audit(&R, "contracts", 0, 0, 0);
    cr_assert_eq(rc_code(rep), RC_CODE(INVALID_ARGUMENT), "%s", rc_describe(rep));
    rc_free(rep);

    /* No stated actor: anonymous, still recorded. */
    R.actor = "";
    rep = rc_withdraw(&R, id);
    cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
    rc_free(rep);
    rep = rc_audit(&R, "agreement", id, 0, 0);
    cr_assert_eq(rep->audit->n_events, 4);
    cr_assert_str_eq(rep->audit->events[3]->actor, "local:anonymous");
    cr_assert_str_eq(rep->audit->events[3]->action, "agreement.withdrawn");
    rc_free(rep);
}

/* The recorded actor is cut at 127 bytes (protocol.md), but it is a proto3
 * string: the cut must not split a character, or no client in a strict
 * language can decode the event. */
Test(service_events, long_actor_is_cut_on_a_character_boundary, .init = setup, .fini = teardown)
{
    char actor[400] = "";
    for (int i = 0; i < 150; i++)
        strcat(actor, "å");
    for (int shift = 0; shift < 2; shift++) {
        R.actor = actor;
        if (shift) {
            memmove(actor + 1, actor, strlen(actor) + 1);
            actor[0] = 'x';
        }
        char nr[12];
        rc_rep_t *rep = rc_put_org(&R, 0, rc_orgnr(nr, (unsigned)shift + 1), "Kommun",
                                   RC_ORG(MUNICIPALITY), 0);
        cr_assert_eq(rc_code(rep), 0, "%s", rc_describe(rep));
        uint64_t id = rep->organisation->id;
        rc_free(rep);
        rep = rc_audit(&R, "organisation", id, 0, 0);
        cr_assert_eq(rep->audit->n_events, 1);
        const char *got = rep->audit->events[0]->actor;
        cr_assert(strncmp(got, "local:", 6) == 0 && strlen(got) <= 127, "%s", got);
        cr_assert(strncmp(got + 6, actor, strlen(got) - 6 - 1) == 0, "a prefix of the actor");
        cr_assert(rc_utf8_valid(got), "shift %d: the recorded actor is not valid UTF-8 (%zu bytes)",
                  shift, strlen(got));
        rc_free(rep);
    }
}
