/* The runtime on a real binary (the toy service): readers and timers in the
 * request loop, internal transactions on the same event path as requests,
 * heartbeats, and paged snapshots that add up to one consistent state. */
#include <czmq.h>

#include "toy_client.h"

static tc_t T;

static void teardown(void)
{
    tc_cleanup(&T);
}

static zsock_t *subscribe(const char *endpoint, const char *topic)
{
    zsock_t *sub = zsock_new_sub(endpoint, topic);
    cr_assert_not_null(sub);
    zsock_set_rcvtimeo(sub, 3000);
    zclock_sleep(200);   /* let the subscription reach the publisher */
    return sub;
}

/* The next event on sub; NULL on timeout. Heartbeats are skipped. */
static Fcavtal__V1__ToyEvent *next_event(zsock_t *sub, char **topic)
{
    for (;;) {
        zmsg_t *msg = zmsg_recv(sub);
        if (!msg)
            return NULL;
        char *t = zmsg_popstr(msg);
        zframe_t *payload = zmsg_pop(msg);
        zmsg_destroy(&msg);
        Fcavtal__V1__ToyEvent *ev = NULL;
        if (t && payload && !strstr(t, "heartbeat"))
            ev = fcavtal__v1__toy_event__unpack(NULL, zframe_size(payload), zframe_data(payload));
        zframe_destroy(&payload);
        if (ev) {
            *topic = t;
            return ev;
        }
        free(t);
    }
}

Test(runtime, a_reader_runs_internal_work_on_the_request_path, .fini = teardown)
{
    toy_init(&T);
    char inbox[128];
    snprintf(inbox, sizeof inbox, "ipc:///tmp/fcavtal-toy-inbox-%d", getpid());
    const char *args[] = { "--inbox", inbox, NULL };
    cr_assert_eq(tc_start(&T, args), 0);
    uint64_t first = toy_put(&T, "from a request");
    cr_assert_eq(first, 1);
    zsock_t *sub = subscribe(T.h.pub_endpoint, "toy.");
    zsock_t *push = zsock_new_push(inbox);
    cr_assert_eq(zstr_send(push, "from the inbox"), 0);
    char *topic = NULL;
    Fcavtal__V1__ToyEvent *ev = next_event(sub, &topic);
    cr_assert_not_null(ev, "the reader's work published an event");
    cr_assert_str_eq(topic, "toy.item.created");
    cr_assert_eq(ev->seq, 2, "the next sequence number after the request's event");
    cr_assert_str_eq(ev->actor, "service:toy", "work no request started names the service");
    cr_assert_str_eq(ev->request_id, "inbox");
    cr_assert_str_eq(ev->item->name, "from the inbox");
    cr_assert_eq(ev->item->id, 2, "ids come from the same counter");
    fcavtal__v1__toy_event__free_unpacked(ev, NULL);
    free(topic);
    /* Its change is committed: a request reads it. */
    Fcavtal__V1__ToyGet get = FCAVTAL__V1__TOY_GET__INIT;
    get.id = 2;
    toy_rep_t *rep = toy_call(&T, "get_item", &get.base);
    cr_assert_eq(tc_code(&rep->base), 0, "%s", tc_message(&rep->base));
    cr_assert_str_eq(rep->item->name, "from the inbox");
    cr_assert_eq(rep->seq, 2);
    tc_free(&rep->base);
    zsock_destroy(&push);
    zsock_destroy(&sub);
}

static bool ticked_three(void *arg)
{
    Fcavtal__V1__ToyGet get = FCAVTAL__V1__TOY_GET__INIT;
    get.id = 1;
    toy_rep_t *rep = toy_call(arg, "get_ticks", &get.base);
    bool done = tc_code(&rep->base) == 0 && rep->ticks && rep->ticks->count >= 3;
    tc_free(&rep->base);
    return done;
}

Test(runtime, a_timer_commits_events_between_requests, .fini = teardown)
{
    toy_init(&T);
    const char *args[] = { "--tick-ms", "30", NULL };
    cr_assert_eq(tc_start(&T, args), 0);
    cr_assert(fc_harness_wait(ticked_three, &T, 3000), "the timer ran at least three times");
    /* Requests are served while the timer runs, and the trail is one gapless
     * sequence of both kinds of work. */
    uint64_t id = toy_put(&T, "between ticks");
    cr_assert_neq(id, 0);
    ProtobufCMessage **events;
    size_t n = tc_audit(&T, 0, &events);
    cr_assert_geq(n, 4);
    bool saw_item = false;
    for (size_t i = 0; i < n; i++) {
        Fcavtal__V1__ToyEvent *ev = (Fcavtal__V1__ToyEvent *)events[i];
        cr_assert_eq(ev->seq, i + 1, "gapless");
        if (ev->entity_case == FCAVTAL__V1__TOY_EVENT__ENTITY_TICKS) {
            cr_assert_str_eq(ev->actor, "service:toy");
            cr_assert_str_eq(ev->action, "ticks.ticked");
        } else {
            saw_item = true;
            cr_assert_str_eq(ev->actor, "local:tester");
        }
    }
    cr_assert(saw_item);
    tc_free_all(events, n);
}

Test(runtime, an_idle_service_publishes_heartbeats_with_its_seq, .fini = teardown)
{
    toy_init(&T);
    const char *args[] = { "--heartbeat-ms", "100", NULL };
    cr_assert_eq(tc_start(&T, args), 0);
    cr_assert_neq(toy_put(&T, "one"), 0);
    zsock_t *sub = subscribe(T.h.pub_endpoint, "toy.heartbeat");
    zmsg_t *msg = zmsg_recv(sub);
    cr_assert_not_null(msg, "a heartbeat within the interval");
    char *topic = zmsg_popstr(msg);
    zframe_t *payload = zmsg_pop(msg);
    Fcavtal__V1__Heartbeat *hb =
        fcavtal__v1__heartbeat__unpack(NULL, zframe_size(payload), zframe_data(payload));
    cr_assert_str_eq(topic, "toy.heartbeat");
    cr_assert_not_null(hb);
    cr_assert_eq(hb->seq, 1, "the latest sequence number");
    cr_assert_str_eq(hb->service, "toy");
    fcavtal__v1__heartbeat__free_unpacked(hb, NULL);
    zframe_destroy(&payload);
    free(topic);
    zmsg_destroy(&msg);
    zsock_destroy(&sub);
}

/* Pages are read in transactions of their own; applying the events after
 * the first page's seq on top of the pages gives exactly the final state. */
Test(runtime, snapshot_pages_plus_later_events_are_the_exact_state, .fini = teardown)
{
    toy_init(&T);
    cr_assert_eq(tc_start(&T, NULL), 0);
    cr_assert(toy_put_many(&T, 2500, 10, "item-"));
    Fcavtal__V1__SnapshotRequest q = FCAVTAL__V1__SNAPSHOT_REQUEST__INIT;
    q.max_records = 1000;
    toy_rep_t *first = toy_call(&T, "snapshot", &q.base);
    cr_assert_eq(tc_code(&first->base), 0);
    cr_assert_eq(first->snapshot->n_records, 1000, "pages hold what was asked");
    uint64_t seq0 = first->snapshot->seq;
    cr_assert_eq(seq0, 2500);
    /* Changes between pages: an update of an item already paged, a new one. */
    Fcavtal__V1__ToyItem item = FCAVTAL__V1__TOY_ITEM__INIT;
    Fcavtal__V1__ToyPutItem put = FCAVTAL__V1__TOY_PUT_ITEM__INIT;
    item.id = 5;
    item.name = "renamed";
    put.item = &item;
    tc_free(tc_call(&T, "put_item", &put.base, NULL));
    cr_assert_neq(toy_put(&T, "late"), 0);
    size_t n_items = first->snapshot->n_records;
    uint8_t cursor[64];
    size_t len = first->snapshot->next_cursor.len;
    if (len)
        memcpy(cursor, first->snapshot->next_cursor.data, len);
    tc_free(&first->base);
    char *names[2600] = { 0 };
    size_t pages = 1;
    while (len) {
        q.cursor.data = cursor;
        q.cursor.len = len;
        toy_rep_t *page = toy_call(&T, "snapshot", &q.base);
        cr_assert_eq(tc_code(&page->base), 0, "%s", tc_message(&page->base));
        for (size_t i = 0; i < page->snapshot->n_records; i++) {
            Fcavtal__V1__ToyItem *it = page->snapshot->records[i]->item;
            cr_assert_lt(it->id, 2600);
            names[it->id] = strdup(it->name);
        }
        n_items += page->snapshot->n_records;
        len = page->snapshot->next_cursor.len;
        if (len)
            memcpy(cursor, page->snapshot->next_cursor.data, len);
        tc_free(&page->base);
        pages++;
    }
    cr_assert_eq(pages, 3);
    cr_assert_eq(n_items, 2501, "the item made between pages is on a later page");
    /* The rename happened after item 5's page: only the events carry it. */
    cr_assert_null(names[5]);
    ProtobufCMessage **events;
    size_t n = tc_audit(&T, seq0, &events);
    cr_assert_eq(n, 2);
    for (size_t i = 0; i < n; i++) {
        Fcavtal__V1__ToyItem *it = ((Fcavtal__V1__ToyEvent *)events[i])->item;
        free(names[it->id]);
        names[it->id] = strdup(it->name);
    }
    cr_assert_str_eq(names[5], "renamed");
    cr_assert_str_eq(names[2501], "late");
    tc_free_all(events, n);
    for (size_t i = 0; i < 2600; i++)
        free(names[i]);
}

Test(runtime, a_bad_cursor_is_refused_and_changes_nothing, .fini = teardown)
{
    toy_init(&T);
    cr_assert_eq(tc_start(&T, NULL), 0);
    Fcavtal__V1__SnapshotRequest q = FCAVTAL__V1__SNAPSHOT_REQUEST__INIT;
    uint8_t junk[3] = { 1, 2, 3 };
    q.cursor.data = junk;
    q.cursor.len = sizeof junk;
    toy_rep_t *rep = toy_call(&T, "snapshot", &q.base);
    cr_assert_eq(tc_code(&rep->base), FCAVTAL__V1__CODE__INVALID_ARGUMENT);
    cr_assert(strstr(tc_message(&rep->base), "cursor"), "%s", tc_message(&rep->base));
    tc_free(&rep->base);
}
