/* The rare synchronous call from one service to another: the same bytes
 * (the same request id) sent again on a fresh socket after each timeout, so
 * a mutation is done once however often it is sent. */
#include <pthread.h>
#include <signal.h>
#include <czmq.h>

#include "toy_client.h"

static tc_t T;

static void teardown(void)
{
    tc_cleanup(&T);
}

static Fcavtal__V1__ToyRequest put_request(Fcavtal__V1__ToyPutItem *put, Fcavtal__V1__ToyItem *item)
{
    Fcavtal__V1__ToyRequest req = FCAVTAL__V1__TOY_REQUEST__INIT;
    fcavtal__v1__toy_item__init(item);
    fcavtal__v1__toy_put_item__init(put);
    item->name = "once";
    put->item = item;
    req.request_id = "retried-call-1";
    req.actor = "notify";
    req.body_case = FCAVTAL__V1__TOY_REQUEST__BODY_PUT_ITEM;
    req.put_item = put;
    return req;
}

static void *wake_later(void *arg)
{
    zclock_sleep(700);
    kill(*(pid_t *)arg, SIGCONT);
    return NULL;
}

Test(client_retry, a_call_retried_through_a_stall_is_done_once, .fini = teardown)
{
    toy_init(&T);
    cr_assert_eq(tc_start(&T, NULL), 0);
    fc_client_opts_t opts = { .endpoint = T.h.endpoint, .timeout_ms = 250 };
    fc_client_t *client = fc_client_new(&opts);
    cr_assert_not_null(client);
    Fcavtal__V1__ToyPutItem put;
    Fcavtal__V1__ToyItem item;
    Fcavtal__V1__ToyRequest req = put_request(&put, &item);
    /* The service stalls for longer than two timeouts: the first attempts
     * go unanswered, a later one gets the reply. */
    pid_t pid = T.h.pid;
    kill(pid, SIGSTOP);
    pthread_t waker;
    pthread_create(&waker, NULL, wake_later, &pid);
    ProtobufCMessage *rep = fc_client_call_retry(client, &req.base,
                                                 &fcavtal__v1__toy_reply__descriptor, 10);
    pthread_join(waker, NULL);
    cr_assert_not_null(rep, "a reply after the stall");
    toy_rep_t *r = (toy_rep_t *)rep;
    cr_assert_eq(tc_code(rep), 0, "%s", tc_message(rep));
    cr_assert_str_eq(r->request_id, "retried-call-1");
    uint64_t id = r->item->id;
    tc_free(rep);
    /* However many copies reached it, one item exists and one event. */
    ProtobufCMessage **events;
    size_t n = tc_audit(&T, 0, &events);
    cr_assert_eq(n, 1, "done once: %zu events", n);
    cr_assert_eq(((Fcavtal__V1__ToyEvent *)events[0])->item->id, id);
    tc_free_all(events, n);
    fc_client_destroy(&client);
}

Test(client_retry, a_call_to_a_service_that_never_answers_gives_up, .fini = teardown)
{
    fc_client_opts_t opts = { .endpoint = "tcp://127.0.0.1:9", .timeout_ms = 100 };
    fc_client_t *client = fc_client_new(&opts);
    cr_assert_not_null(client);
    Fcavtal__V1__ToyPutItem put;
    Fcavtal__V1__ToyItem item;
    Fcavtal__V1__ToyRequest req = put_request(&put, &item);
    int64_t t0 = zclock_mono();
    ProtobufCMessage *rep = fc_client_call_retry(client, &req.base,
                                                 &fcavtal__v1__toy_reply__descriptor, 3);
    cr_assert_null(rep);
    cr_assert_lt(zclock_mono() - t0, 2000, "three timeouts of 100 ms, not more");
    fc_client_destroy(&client);
}
