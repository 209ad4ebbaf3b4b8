/* Round trips through the protobuf <-> JSON library: every field type, the
 * well-known fcavtal types, 64-bit values beyond what a double holds, empty
 * lists, oneofs and presence come back exactly as they went (the packed
 * bytes are compared), and their JSON is the shape docs/json.md promises. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pbjson.h"
#include "fcavtal/v1/common.pb-c.h"
#include "pbjson_test.pb-c.h"

static uint8_t *packed(const ProtobufCMessage *m, size_t *n)
{
    *n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = malloc(*n ? *n : 1);
    cr_assert_not_null(buf);
    protobuf_c_message_pack(m, buf);
    return buf;
}

/* msg -> JSON text -> JSON -> msg: the same bytes, and the same JSON again.
 * Through the text, so nothing is carried that a file or socket would lose.
 * Returns the JSON for the caller to look at. */
static json_t *round_trip(const ProtobufCMessage *msg)
{
    json_t *first = pbj_to_json(msg);
    cr_assert_not_null(first);
    char *text = json_dumps(first, JSON_ENCODE_ANY);
    cr_assert_not_null(text, "the JSON does not serialise");
    json_error_t jerr;
    json_t *parsed = json_loads(text, JSON_DECODE_ANY, &jerr);
    cr_assert_not_null(parsed, "%s: %s", text, jerr.text);
    pbj_error_t err;
    ProtobufCMessage *back = pbj_from_json(msg->descriptor, parsed, NULL, &err);
    cr_assert_not_null(back, "%s: %s: %s", text, err.path, err.message);
    size_t n1, n2;
    uint8_t *b1 = packed(msg, &n1), *b2 = packed(back, &n2);
    cr_expect(n1 == n2 && memcmp(b1, b2, n1) == 0, "the message changed on the way: %s", text);
    json_t *again = pbj_to_json(back);
    cr_expect(json_equal(first, again), "the JSON changed on the way: %s", text);
    json_decref(again);
    json_decref(parsed);
    free(b1);
    free(b2);
    free(text);
    protobuf_c_message_free_unpacked(back, NULL);
    return first;
}

static json_int_t int_at(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    cr_assert(json_is_integer(v), "%s is not an integer", key);
    return json_integer_value(v);
}

static const char *str_at(const json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    cr_assert(json_is_string(v), "%s is not a string", key);
    return json_string_value(v);
}

Test(roundtrip, scalars_at_their_limits)
{
    uint8_t bytes[] = {0x00, 0x01, 0xfe, 0xff, 'A'};
    Fcavtal__Test__Scalars s = FCAVTAL__TEST__SCALARS__INIT;
    s.i32 = INT32_MIN;
    s.s32 = INT32_MAX;
    s.sf32 = -1;
    s.u32 = UINT32_MAX;
    s.f32 = UINT32_MAX;
    s.i64 = INT64_MIN;
    s.s64 = INT64_MAX;
    s.sf64 = -((int64_t)1 << 53) - 1;
    s.u64 = UINT64_MAX;
    s.f64 = ((uint64_t)1 << 53) + 1;
    s.fl = 1.5f;
    s.db = -0.1;
    s.flag = 1;
    s.text = "Familjecentralen Örebro ✓";
    s.data = (ProtobufCBinaryData){sizeof bytes, bytes};
    s.colour = FCAVTAL__TEST__COLOUR__COLOUR_DARK_BLUE;
    json_t *j = round_trip(&s.base);
    cr_expect_eq(int_at(j, "i32"), INT32_MIN);
    cr_expect_eq(int_at(j, "u32"), UINT32_MAX);
    cr_expect_eq(int_at(j, "i64"), INT64_MIN);
    cr_expect_eq(int_at(j, "s64"), INT64_MAX);
    /* 2^53 + 1 is not a double: it must be written as an integer. */
    cr_expect_eq(int_at(j, "sf64"), -9007199254740993LL);
    cr_expect_eq(int_at(j, "f64"), 9007199254740993LL);
    /* Beyond what jansson holds as an integer: canonical JSON's text. */
    cr_expect_str_eq(str_at(j, "u64"), "18446744073709551615");
    cr_expect_str_eq(str_at(j, "text"), "Familjecentralen Örebro ✓");
    cr_expect_str_eq(str_at(j, "data"), "AAH+/0E=");
    cr_expect_str_eq(str_at(j, "colour"), "dark_blue");
    cr_expect(json_is_true(json_object_get(j, "flag")));
    json_decref(j);
}

Test(roundtrip, every_uint64_boundary_survives_the_text)
{
    const uint64_t values[] = {0, 1, ((uint64_t)1 << 53) - 1, (uint64_t)1 << 53,
                               ((uint64_t)1 << 53) + 1, (uint64_t)INT64_MAX,
                               (uint64_t)INT64_MAX + 1, UINT64_MAX - 1, UINT64_MAX};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        Fcavtal__Test__Scalars s = FCAVTAL__TEST__SCALARS__INIT;
        s.u64 = values[i];
        s.f64 = values[i];
        json_decref(round_trip(&s.base));
    }
}

Test(roundtrip, default_values_are_written)
{
    Fcavtal__Test__Scalars s = FCAVTAL__TEST__SCALARS__INIT;
    json_t *j = round_trip(&s.base);
    /* Every field without presence is there, with its default. */
    cr_expect_eq(json_object_size(j), 16);
    cr_expect_eq(int_at(j, "u64"), 0);
    cr_expect_str_eq(str_at(j, "text"), "");
    cr_expect_str_eq(str_at(j, "data"), "");
    cr_expect_str_eq(str_at(j, "colour"), "unspecified");
    cr_expect(json_is_false(json_object_get(j, "flag")));
    json_decref(j);
}

Test(roundtrip, empty_lists_stay_empty)
{
    Fcavtal__Test__Repeats r = FCAVTAL__TEST__REPEATS__INIT;
    json_t *j = round_trip(&r.base);
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v)
        cr_expect(json_is_array(v) && json_array_size(v) == 0, "%s is not []", key);
    cr_expect_eq(json_object_size(j), 9);
    json_decref(j);
}

Test(roundtrip, lists_of_every_kind)
{
    int32_t i32[] = {-1, 0, 7};
    uint64_t u64[] = {UINT64_MAX, 42};
    char *texts[] = {"a", "", "Kortedala"};
    uint8_t one = 0x7f;
    ProtobufCBinaryData blobs[] = {{0, NULL}, {1, &one}};
    int colours[] = {1, 2, 0};
    Fcavtal__Test__Inner in1 = FCAVTAL__TEST__INNER__INIT, in2 = FCAVTAL__TEST__INNER__INIT;
    in1.id = 3;
    in2.label = "second";
    Fcavtal__Test__Inner *inners[] = {&in1, &in2};
    double dbs[] = {0.5, -1e300};
    protobuf_c_boolean flags[] = {1, 0};
    Fcavtal__V1__Date d1 = FCAVTAL__V1__DATE__INIT, d2 = FCAVTAL__V1__DATE__INIT;
    d1.year = 2024, d1.month = 2, d1.day = 29;
    d2.year = 1, d2.month = 1, d2.day = 1;
    Fcavtal__V1__Date *dates[] = {&d1, &d2};
    Fcavtal__Test__Repeats r = FCAVTAL__TEST__REPEATS__INIT;
    r.n_i32 = 3, r.i32 = i32;
    r.n_u64 = 2, r.u64 = u64;
    r.n_texts = 3, r.texts = texts;
    r.n_blobs = 2, r.blobs = blobs;
    r.n_colours = 3, r.colours = (Fcavtal__Test__Colour *)colours;
    r.n_inners = 2, r.inners = inners;
    r.n_dbs = 2, r.dbs = dbs;
    r.n_flags = 2, r.flags = flags;
    r.n_dates = 2, r.dates = dates;
    json_t *j = round_trip(&r.base);
    json_t *ds = json_object_get(j, "dates");
    cr_expect_str_eq(json_string_value(json_array_get(ds, 0)), "2024-02-29");
    cr_expect_str_eq(json_string_value(json_array_get(ds, 1)), "0001-01-01");
    cr_expect_str_eq(json_string_value(json_array_get(json_object_get(j, "colours"), 1)),
                     "dark_blue");
    cr_expect_str_eq(json_string_value(json_array_get(json_object_get(j, "blobs"), 1)), "fw==");
    json_decref(j);
}

Test(roundtrip, well_known_types_are_single_values)
{
    Fcavtal__V1__Date date = FCAVTAL__V1__DATE__INIT;
    date.year = 2024, date.month = 2, date.day = 29;
    Fcavtal__V1__Money money = FCAVTAL__V1__MONEY__INIT;
    money.ore = -12345678901234LL;
    Fcavtal__V1__OrgNumber orgnr = FCAVTAL__V1__ORG_NUMBER__INIT;
    orgnr.value = "212000-1967";
    Fcavtal__Test__WellKnown w = FCAVTAL__TEST__WELL_KNOWN__INIT;
    w.date = &date;
    w.money = &money;
    w.org_number = &orgnr;
    json_t *j = round_trip(&w.base);
    cr_expect_str_eq(str_at(j, "date"), "2024-02-29");
    cr_expect_eq(int_at(j, "money"), -12345678901234LL);
    cr_expect_str_eq(str_at(j, "org_number"), "212000-1967");
    json_decref(j);

    /* Each alone, as a whole message (a reply's "today" is a Date). */
    json_decref(round_trip(&date.base));
    json_decref(round_trip(&money.base));
    json_decref(round_trip(&orgnr.base));
}

Test(roundtrip, absent_and_empty_messages_differ)
{
    Fcavtal__Test__WellKnown none = FCAVTAL__TEST__WELL_KNOWN__INIT;
    json_t *j = round_trip(&none.base);
    cr_expect_eq(json_object_size(j), 0, "absent messages are left out");
    json_decref(j);

    Fcavtal__Test__Inner inner = FCAVTAL__TEST__INNER__INIT;
    Fcavtal__Test__Presence p = FCAVTAL__TEST__PRESENCE__INIT;
    p.inner = &inner;
    j = round_trip(&p.base);
    cr_expect(json_is_object(json_object_get(j, "inner")), "a present empty message is {}");
    cr_expect_eq(json_object_size(json_object_get(j, "inner")), 2);
    json_decref(j);
}

Test(roundtrip, each_oneof_member)
{
    Fcavtal__Test__Inner inner = FCAVTAL__TEST__INNER__INIT;
    inner.id = 9;
    Fcavtal__V1__Date day = FCAVTAL__V1__DATE__INIT;
    day.year = 2025, day.month = 12, day.day = 31;
    Fcavtal__Test__Choice c = FCAVTAL__TEST__CHOICE__INIT;
    json_t *j = round_trip(&c.base);
    cr_expect_eq(json_object_size(j), 1, "no member set: only name");
    json_decref(j);

    c.pick_case = FCAVTAL__TEST__CHOICE__PICK_INNER;
    c.inner = &inner;
    j = round_trip(&c.base);
    cr_expect_eq(int_at(json_object_get(j, "inner"), "id"), 9);
    cr_expect_null(json_object_get(j, "word"));
    json_decref(j);

    c.pick_case = FCAVTAL__TEST__CHOICE__PICK_WORD;
    c.word = "";
    j = round_trip(&c.base);
    cr_expect_str_eq(str_at(j, "word"), "", "a set member is written even when empty");
    json_decref(j);

    c.pick_case = FCAVTAL__TEST__CHOICE__PICK_NUMBER;
    c.number = 0;
    j = round_trip(&c.base);
    cr_expect_eq(int_at(j, "number"), 0);
    json_decref(j);

    c.pick_case = FCAVTAL__TEST__CHOICE__PICK_DAY;
    c.day = &day;
    j = round_trip(&c.base);
    cr_expect_str_eq(str_at(j, "day"), "2025-12-31");
    json_t *member = pbj_oneof_to_json(&c.base, FCAVTAL__TEST__CHOICE__PICK_DAY);
    cr_expect_str_eq(json_string_value(member), "2025-12-31");
    json_decref(member);
    cr_expect_null(pbj_oneof_to_json(&c.base, FCAVTAL__TEST__CHOICE__PICK_WORD));
    json_decref(j);
}

Test(roundtrip, floats_without_a_json_number)
{
    const double values[] = {INFINITY, -INFINITY, 0.0, -0.0, 1e-300, 1.7976931348623157e308};
    const char *const names[] = {"Infinity", "-Infinity"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        Fcavtal__Test__Scalars s = FCAVTAL__TEST__SCALARS__INIT;
        s.db = values[i];
        s.fl = (float)values[i];
        json_t *j = round_trip(&s.base);
        if (i < 2)
            cr_expect_str_eq(str_at(j, "db"), names[i]);
        json_decref(j);
    }
    Fcavtal__Test__Scalars s = FCAVTAL__TEST__SCALARS__INIT;
    s.db = NAN;
    json_t *j = pbj_to_json(&s.base);
    cr_expect_str_eq(str_at(j, "db"), "NaN");
    pbj_error_t err;
    Fcavtal__Test__Scalars *back =
        (Fcavtal__Test__Scalars *)pbj_from_json(s.base.descriptor, j, NULL, &err);
    cr_assert_not_null(back, "%s", err.message);
    cr_expect(isnan(back->db));
    protobuf_c_message_free_unpacked(&back->base, NULL);
    json_decref(j);
}

Test(roundtrip, bytes_of_every_length_and_value)
{
    uint8_t all[256];
    for (size_t i = 0; i < sizeof all; i++)
        all[i] = (uint8_t)i;
    /* 0..5 bytes: no padding, one '=' and two; 256: every value. */
    static const size_t lengths[] = {0, 1, 2, 3, 4, 5, sizeof all};
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
        Fcavtal__Test__Scalars s = FCAVTAL__TEST__SCALARS__INIT;
        s.data = (ProtobufCBinaryData){lengths[i], lengths[i] ? all : NULL};
        json_decref(round_trip(&s.base));
    }
}
