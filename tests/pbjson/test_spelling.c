/* The spellings the library takes beyond its own output, so that a system
 * using a stock proto3 JSON library (canonical JSON) can talk to fcavtal:
 * lowerCamelCase names, full enum names and numbers, 64-bit integers as
 * text, the object form of Date, Money and OrgNumber, URL-safe or
 * unpadded base64; and fcavtal's own short forms of references. */
#include <criterion/criterion.h>
#include <string.h>

#include "fcavtal/pbjson.h"
#include "fcavtal/v1/common.pb-c.h"
#include "fcavtal/v1/registry.pb-c.h"
#include "pbjson_test.pb-c.h"

static ProtobufCMessage *taken(const ProtobufCMessageDescriptor *desc, const char *text,
                               const pbj_opts_t *opts)
{
    json_error_t jerr;
    json_t *j = json_loads(text, 0, &jerr);
    cr_assert_not_null(j, "test JSON %s: %s", text, jerr.text);
    pbj_error_t err;
    ProtobufCMessage *msg = pbj_from_json(desc, j, opts, &err);
    json_decref(j);
    cr_assert_not_null(msg, "%s refused: %s: %s", text, err.path, err.message);
    return msg;
}

Test(spelling, lower_camel_case_names)
{
    Fcavtal__Test__References *r = (Fcavtal__Test__References *)taken(
        &fcavtal__test__references__descriptor,
        "{\"centreId\": 4, \"employingOperationId\": 5, \"approvedBy\": [1, 2]}", NULL);
    cr_expect_eq(r->centre_id, 4);
    cr_expect_eq(r->employing_operation_id, 5);
    cr_expect_eq(r->n_approved_by, 2);
    protobuf_c_message_free_unpacked(&r->base, NULL);

    Fcavtal__Test__WellKnown *w = (Fcavtal__Test__WellKnown *)taken(
        &fcavtal__test__well_known__descriptor, "{\"orgNumber\": \"2120001967\"}", NULL);
    cr_expect_str_eq(w->org_number->value, "2120001967");
    protobuf_c_message_free_unpacked(&w->base, NULL);
}

Test(spelling, references_by_their_short_name)
{
    Fcavtal__Test__References *r = (Fcavtal__Test__References *)taken(
        &fcavtal__test__references__descriptor, "{\"centre\": 4, \"employingOperation\": 5}",
        NULL);
    cr_expect_eq(r->centre_id, 4);
    cr_expect_eq(r->employing_operation_id, 5);
    protobuf_c_message_free_unpacked(&r->base, NULL);
}

/* An import-style resolver: refs are names, looked up by the reference's
 * key in snake_case. */
static int resolve(void *ctx, const char *key, const json_t *value, uint64_t *id, char *err,
                   size_t errlen)
{
    int *calls = ctx;
    (*calls)++;
    if (strcmp(key, "employing_operation") == 0 && json_is_string(value) &&
        strcmp(json_string_value(value), "bvc-vivalla") == 0) {
        *id = 77;
        return 0;
    }
    snprintf(err, errlen, "unknown reference to %s", key);
    return -1;
}

Test(spelling, references_through_a_resolver)
{
    int calls = 0;
    static const char *const skip[] = {"ref", "comment", NULL};
    pbj_opts_t opts = {.resolve = resolve, .ctx = &calls, .skip_top = skip};
    Fcavtal__Test__References *r = (Fcavtal__Test__References *)taken(
        &fcavtal__test__references__descriptor,
        "{\"ref\": \"x\", \"comment\": \"ignored\", \"employingOperation\": \"bvc-vivalla\"}",
        &opts);
    cr_expect_eq(r->employing_operation_id, 77);
    cr_expect_eq(calls, 1);
    protobuf_c_message_free_unpacked(&r->base, NULL);

    json_t *j = json_pack("{ss}", "centre", "fc-nowhere");
    pbj_error_t err;
    cr_expect_null(pbj_from_json(&fcavtal__test__references__descriptor, j, &opts, &err));
    cr_expect_str_eq(err.path, "centre");
    cr_expect_str_eq(err.message, "unknown reference to centre");
    json_decref(j);
}

Test(spelling, enum_values)
{
    static const char *const forms[] = {"\"dark_blue\"", "\"dark-blue\"", "\"Dark Blue\"",
                                        "\"DARK_BLUE\"", "\"COLOUR_DARK_BLUE\"", "2", "\"2\""};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "{\"colour\": %s}", forms[i]);
        Fcavtal__Test__Scalars *s =
            (Fcavtal__Test__Scalars *)taken(&fcavtal__test__scalars__descriptor, text, NULL);
        cr_expect_eq(s->colour, FCAVTAL__TEST__COLOUR__COLOUR_DARK_BLUE, "%s", forms[i]);
        protobuf_c_message_free_unpacked(&s->base, NULL);
    }
    /* Values sharing no prefix keep their whole name. */
    char name[64];
    cr_expect_str_eq(pbj_enum_name(&fcavtal__v1__code__descriptor, 3, name, sizeof name),
                     "invalid_argument");
    int v = 0;
    cr_expect_eq(pbj_enum_parse(&fcavtal__v1__code__descriptor, "not-found", &v), 0);
    cr_expect_eq(v, FCAVTAL__V1__CODE__NOT_FOUND);
}

Test(spelling, integers_as_text)
{
    Fcavtal__Test__Scalars *s = (Fcavtal__Test__Scalars *)taken(
        &fcavtal__test__scalars__descriptor,
        "{\"i64\": \"-9223372036854775808\", \"u64\": \"18446744073709551615\","
        " \"f64\": \"9007199254740993\", \"u32\": \"7\", \"s32\": \"-7\"}",
        NULL);
    cr_expect_eq(s->i64, INT64_MIN);
    cr_expect_eq(s->u64, UINT64_MAX);
    cr_expect_eq(s->f64, 9007199254740993ULL);
    cr_expect_eq(s->u32, 7);
    cr_expect_eq(s->s32, -7);
    protobuf_c_message_free_unpacked(&s->base, NULL);
}

Test(spelling, numbers_for_floats)
{
    Fcavtal__Test__Scalars *s = (Fcavtal__Test__Scalars *)taken(
        &fcavtal__test__scalars__descriptor,
        "{\"db\": 3, \"fl\": \"-Infinity\"}", NULL);
    cr_expect_eq(s->db, 3.0);
    cr_expect(s->fl < 0 && s->fl * 0 != 0, "-Infinity");
    protobuf_c_message_free_unpacked(&s->base, NULL);
}

Test(spelling, canonical_objects_for_the_well_known_types)
{
    Fcavtal__Test__WellKnown *w = (Fcavtal__Test__WellKnown *)taken(
        &fcavtal__test__well_known__descriptor,
        "{\"date\": {\"year\": 2025, \"month\": 6, \"day\": 1},"
        " \"money\": {\"ore\": \"-12300\"}, \"org_number\": {\"value\": \"212000-1967\"}}",
        NULL);
    cr_expect_eq(w->date->year, 2025);
    cr_expect_eq(w->date->month, 6);
    cr_expect_eq(w->date->day, 1);
    cr_expect_eq(w->money->ore, -12300);
    cr_expect_str_eq(w->org_number->value, "212000-1967");
    /* Written back in fcavtal's short forms. */
    json_t *j = pbj_to_json(&w->base);
    cr_expect_str_eq(json_string_value(json_object_get(j, "date")), "2025-06-01");
    cr_expect_eq(json_integer_value(json_object_get(j, "money")), -12300);
    json_decref(j);
    protobuf_c_message_free_unpacked(&w->base, NULL);
}

Test(spelling, base64_alphabets_and_padding)
{
    static const struct {
        const char *text;
        size_t len;
        uint8_t bytes[3];
    } forms[] = {
        {"+/8=", 2, {0xfb, 0xff}}, {"-_8=", 2, {0xfb, 0xff}}, {"-_8", 2, {0xfb, 0xff}},
        {"AAE", 2, {0x00, 0x01}},  {"AA==", 1, {0x00}},       {"AAEC", 3, {0x00, 0x01, 0x02}},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "{\"data\": \"%s\"}", forms[i].text);
        Fcavtal__Test__Scalars *s =
            (Fcavtal__Test__Scalars *)taken(&fcavtal__test__scalars__descriptor, text, NULL);
        cr_expect_eq(s->data.len, forms[i].len, "%s", forms[i].text);
        cr_expect(s->data.len == forms[i].len &&
                      memcmp(s->data.data, forms[i].bytes, forms[i].len) == 0,
                  "%s", forms[i].text);
        protobuf_c_message_free_unpacked(&s->base, NULL);
    }
}

Test(spelling, null_means_not_given)
{
    Fcavtal__Test__Choice *c = (Fcavtal__Test__Choice *)taken(
        &fcavtal__test__choice__descriptor, "{\"word\": null, \"number\": 3, \"name\": null}",
        NULL);
    cr_expect_eq(c->pick_case, FCAVTAL__TEST__CHOICE__PICK_NUMBER);
    cr_expect_str_eq(c->name, "");
    protobuf_c_message_free_unpacked(&c->base, NULL);
}

/* docs/json.md's example: fcavtal's JSON and a stock library's canonical
 * JSON of the same organisation read to the same message. */
Test(spelling, the_documented_example)
{
    ProtobufCMessage *ours = taken(&fcavtal__v1__organisation__descriptor,
        "{\"id\": 2, \"org_number\": \"212000-1967\", \"name\": \"Örebro kommun\","
        " \"kind\": \"municipality\", \"region_id\": 1, \"contacts\": []}", NULL);
    ProtobufCMessage *canonical = taken(&fcavtal__v1__organisation__descriptor,
        "{\"id\": \"2\", \"orgNumber\": {\"value\": \"212000-1967\"}, \"name\": \"Örebro kommun\","
        " \"kind\": \"ORG_KIND_MUNICIPALITY\", \"regionId\": \"1\"}", NULL);
    size_t n1 = protobuf_c_message_get_packed_size(ours);
    size_t n2 = protobuf_c_message_get_packed_size(canonical);
    uint8_t b1[256], b2[256];
    cr_assert(n1 <= sizeof b1 && n2 <= sizeof b2);
    protobuf_c_message_pack(ours, b1);
    protobuf_c_message_pack(canonical, b2);
    cr_expect(n1 == n2 && memcmp(b1, b2, n1) == 0);
    protobuf_c_message_free_unpacked(ours, NULL);
    protobuf_c_message_free_unpacked(canonical, NULL);
}
