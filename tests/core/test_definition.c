/* Hard to misuse: a service definition that breaks the runtime's
 * conventions is refused at start with what is wrong, and a handler bug
 * the compiler cannot see (a reply pointing into the request) is caught in
 * debug builds. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/call.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/toy.pb-c.h"
#include "toy_client.h"

static fc_config_t cfg;
static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/fcavtal-def-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    fc_config_init(&cfg, "toy", 0);
    char *argv[] = { "t", "--data", dir, "--bind", "inproc://def", "--publish", "inproc://def-pub", NULL };
    cr_assert_eq(fc_config_parse(&cfg, "toy", 7, argv), 0);
}

static void teardown(void)
{
    fc_config_clear(&cfg);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static fc_status_t get_item(fc_call_t *call, const Fcavtal__V1__ToyGet *body,
                            Fcavtal__V1__ToyReply *rep)
{
    (void)call, (void)body, (void)rep;
    return FC_OK;
}

static const fc_record_def_t ITEMS[] = {
    { "item", &fcavtal__v1__toy_item__descriptor, "items", NULL, 0, NULL },
};

static fc_service_def_t toy_def(const fc_route_t *routes, size_t n)
{
    return (fc_service_def_t){
        .name = "toy",
        .request_desc = &fcavtal__v1__toy_request__descriptor,
        .reply_desc = &fcavtal__v1__toy_reply__descriptor,
        .event_desc = &fcavtal__v1__toy_event__descriptor,
        .routes = routes, .n_routes = n, .records = ITEMS, .n_records = 1, .schema_version = 1,
    };
}

static void assert_refused(const fc_service_def_t *def, const char *why)
{
    char err[256] = "";
    fc_server_t *s = fc_server_new(def, &cfg, NULL, err, sizeof err);
    cr_assert_null(s, "the definition must be refused");
    cr_assert(strstr(err, why), "the reason names the fault: '%s' (expected '%s')", err, why);
}

#define BODY(x) FCAVTAL__V1__TOY_REQUEST__BODY_##x

Test(definition, a_valid_definition_starts, .init = setup, .fini = teardown)
{
    fc_route_t routes[] = { FC_ROUTE(BODY(GET_ITEM), get_item, FC_READ, Fcavtal__V1__ToyGet,
                                     fcavtal__v1__toy_get__descriptor, Fcavtal__V1__ToyReply) };
    fc_service_def_t def = toy_def(routes, 1);
    char err[256] = "";
    fc_server_t *s = fc_server_new(&def, &cfg, NULL, err, sizeof err);
    cr_assert_not_null(s, "%s", err);
    fc_server_destroy(&s);
    cr_assert_null(s);
}

Test(definition, a_route_to_a_body_of_another_type_is_refused, .init = setup, .fini = teardown)
{
    /* GET_ITEM holds a ToyGet; the entry claims a ToyPutItem. (FC_ROUTE would
     * not compile this pairing; a hand-written entry is caught at start.) */
    fc_route_t routes[] = { { BODY(GET_ITEM), (fc_handler_fn)(void (*)(void))get_item, FC_READ,
                              "get_item", &fcavtal__v1__toy_put_item__descriptor } };
    fc_service_def_t def = toy_def(routes, 1);
    assert_refused(&def, "the route expects fcavtal.v1.ToyPutItem");
}

Test(definition, a_case_routed_twice_is_refused, .init = setup, .fini = teardown)
{
    fc_route_t routes[] = {
        FC_ROUTE(BODY(GET_ITEM), get_item, FC_READ, Fcavtal__V1__ToyGet,
                 fcavtal__v1__toy_get__descriptor, Fcavtal__V1__ToyReply),
        FC_ROUTE(BODY(GET_ITEM), get_item, FC_READ, Fcavtal__V1__ToyGet,
                 fcavtal__v1__toy_get__descriptor, Fcavtal__V1__ToyReply),
    };
    fc_service_def_t def = toy_def(routes, 2);
    assert_refused(&def, "routed twice");
}

Test(definition, a_route_over_a_core_request_is_refused, .init = setup, .fini = teardown)
{
    fc_route_t routes[] = { { BODY(TODAY), (fc_handler_fn)(void (*)(void))get_item, FC_READ,
                              "mine", &fcavtal__v1__today_request__descriptor } };
    fc_service_def_t def = toy_def(routes, 1);
    assert_refused(&def, "routed twice");
}

Test(definition, a_request_with_two_oneofs_is_refused, .init = setup, .fini = teardown)
{
    fc_service_def_t def = toy_def(NULL, 0);
    def.request_desc = &fcavtal__v1__toy_two_bodies__descriptor;
    assert_refused(&def, "must have exactly one oneof (its body), it has more");
}

Test(definition, a_reply_without_the_core_bodies_is_refused, .init = setup, .fini = teardown)
{
    fc_service_def_t def = toy_def(NULL, 0);
    def.reply_desc = &fcavtal__v1__toy_item__descriptor;
    assert_refused(&def, "lacks string request_id");
}

Test(definition, a_record_the_event_cannot_carry_is_refused, .init = setup, .fini = teardown)
{
    static const fc_record_def_t odd[] = {
        { "get", &fcavtal__v1__toy_get__descriptor, "gets", NULL, 0, NULL },
    };
    fc_service_def_t def = toy_def(NULL, 0);
    def.records = odd;
    assert_refused(&def, "has no entity member for fcavtal.v1.ToyGet");
}

/* On the real binary: a reply that points into the request is caught
 * (test builds are debug builds), answered INTERNAL, and the service lives. */
Test(definition, a_reply_pointing_into_the_request_is_caught, .fini = teardown)
{
#ifdef NDEBUG
    cr_skip_test("the check is compiled into debug builds only");
#endif
    setup();
    tc_t t;
    toy_init(&t);
    cr_assert_eq(tc_start(&t, NULL), 0);
    Fcavtal__V1__ToyItem item = FCAVTAL__V1__TOY_ITEM__INIT;
    Fcavtal__V1__ToyPutItem put = FCAVTAL__V1__TOY_PUT_ITEM__INIT;
    item.name = "a name long enough to be obvious in a core dump";
    put.item = &item;
    toy_rep_t *rep = toy_call(&t, "borrow", &put.base);
    cr_assert_eq(tc_code(&rep->base), FCAVTAL__V1__CODE__INTERNAL, "%s", tc_message(&rep->base));
    cr_assert(strstr(tc_message(&rep->base), "internal error building the reply"));
    tc_free(&rep->base);
    cr_assert_neq(toy_put(&t, "still serving"), 0);
    tc_cleanup(&t);
}
