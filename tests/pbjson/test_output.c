/* What the library writes for what JSON cannot say directly: fields it has
 * no names for (from a newer sender), enum numbers it does not know, and
 * text that is not UTF-8 (protobuf-c does not check what it decodes). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pbjson.h"
#include "pbjson_test.pb-c.h"

static ProtobufCMessage *through_the_wire(const ProtobufCMessage *msg,
                                          const ProtobufCMessageDescriptor *as)
{
    size_t n = protobuf_c_message_get_packed_size(msg);
    uint8_t *buf = malloc(n ? n : 1);
    cr_assert_not_null(buf);
    protobuf_c_message_pack(msg, buf);
    ProtobufCMessage *got = protobuf_c_message_unpack(as, NULL, n, buf);
    free(buf);
    cr_assert_not_null(got);
    return got;
}

static char *text_of(const ProtobufCMessage *msg)
{
    json_t *j = pbj_to_json(msg);
    cr_assert_not_null(j);
    char *text = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    cr_assert_not_null(text, "the JSON does not serialise");
    return text;
}

Test(output, fields_from_a_newer_sender_are_left_out)
{
    Fcavtal__Test__InnerV2 v2 = FCAVTAL__TEST__INNER_V2__INIT;
    v2.id = 7;
    v2.label = "kept";
    v2.added = "not known here";
    v2.also = 5;
    ProtobufCMessage *old = through_the_wire(&v2.base, &fcavtal__test__inner__descriptor);
    cr_assert_eq(old->n_unknown_fields, 2, "protobuf-c keeps what it does not know");
    char *text = text_of(old);
    cr_expect_str_eq(text, "{\"id\":7,\"label\":\"kept\"}");
    free(text);
    protobuf_c_message_free_unpacked(old, NULL);
}

Test(output, unknown_enum_numbers_stay_numbers)
{
    Fcavtal__Test__Scalars s = FCAVTAL__TEST__SCALARS__INIT;
    s.colour = (Fcavtal__Test__Colour)9;
    json_t *j = pbj_to_json(&s.base);
    json_t *colour = json_object_get(j, "colour");
    cr_expect(json_is_integer(colour) && json_integer_value(colour) == 9);
    json_decref(j);
}

Test(output, text_that_is_not_utf8_shows_replacement_characters)
{
    Fcavtal__Test__Inner in = FCAVTAL__TEST__INNER__INIT;
    /* a stray continuation byte, a valid "é", a cut two-byte sequence */
    in.label = "ok\x80\xc3\xa9\xc3";
    ProtobufCMessage *got = through_the_wire(&in.base, &fcavtal__test__inner__descriptor);
    char *text = text_of(got);
    cr_expect_str_eq(text, "{\"id\":0,\"label\":\"ok\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd\"}");
    free(text);
    protobuf_c_message_free_unpacked(got, NULL);

    /* Every byte bad: three bytes out for each. */
    in.label = "\xff\xfe\xfd";
    text = text_of(&in.base);
    cr_expect_str_eq(text, "{\"id\":0,\"label\":\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"}");
    free(text);
}

Test(output, a_null_message_is_null)
{
    json_t *j = pbj_to_json(NULL);
    cr_expect(json_is_null(j));
    json_decref(j);
}
