/* What JSON input the library refuses, and how it says so: the path of the
 * offending key and a reason a person can act on. Nothing half-built is
 * left behind (the tests run under LeakSanitizer). */
#include <criterion/criterion.h>
#include <string.h>

#include "fcavtal/pbjson.h"
#include "pbjson_test.pb-c.h"

/* Parses `text`, converts it to `desc` and insists on failure at `path`
 * with `message`. */
static void refused(const ProtobufCMessageDescriptor *desc, const char *text, const char *path,
                    const char *message)
{
    json_error_t jerr;
    json_t *j = json_loads(text, 0, &jerr);
    cr_assert_not_null(j, "test JSON %s: %s", text, jerr.text);
    pbj_error_t err;
    ProtobufCMessage *msg = pbj_from_json(desc, j, NULL, &err);
    json_decref(j);
    if (msg)
        protobuf_c_message_free_unpacked(msg, NULL);
    cr_assert_null(msg, "%s was taken", text);
    cr_expect_str_eq(err.path, path, "%s", text);
    cr_expect_str_eq(err.message, message, "%s", text);
}

static const ProtobufCMessageDescriptor *const SCALARS = &fcavtal__test__scalars__descriptor;
static const ProtobufCMessageDescriptor *const REPEATS = &fcavtal__test__repeats__descriptor;
static const ProtobufCMessageDescriptor *const WELL_KNOWN = &fcavtal__test__well_known__descriptor;

Test(refusals, unknown_keys_name_their_place)
{
    refused(REPEATS, "{\"inners\": [{\"id\": 1}, {\"id\": 2, \"lable\": \"x\"}]}",
            "inners[1].lable", "unknown field for Inner");
    refused(SCALARS, "{\"I32\": 1}", "I32", "unknown field for Scalars");
}

Test(refusals, wrong_types)
{
    refused(SCALARS, "{\"i32\": \"seven\"}", "i32", "expected an integer");
    refused(SCALARS, "{\"i32\": 1.5}", "i32", "expected an integer");
    refused(SCALARS, "{\"u64\": \"-1\"}", "u64", "expected an integer");
    refused(SCALARS, "{\"flag\": 1}", "flag", "expected true or false");
    refused(SCALARS, "{\"text\": 5}", "text", "expected a string");
    refused(SCALARS, "{\"db\": \"1.5\"}", "db", "expected a number");
    refused(SCALARS, "{\"data\": 12}", "data", "expected bytes as base64 text");
    refused(REPEATS, "{\"i32\": 1}", "i32", "expected an array");
    refused(REPEATS, "{\"inners\": [5]}", "inners[0]", "expected an object");
    refused(REPEATS, "{\"texts\": [\"a\", null]}", "texts[1]", "null is not allowed in a list");
}

Test(refusals, numbers_out_of_range)
{
    refused(SCALARS, "{\"i32\": 2147483648}", "i32", "2147483648 is out of range");
    refused(SCALARS, "{\"s32\": -2147483649}", "s32", "-2147483649 is out of range");
    refused(SCALARS, "{\"u32\": -1}", "u32", "-1 is out of range");
    refused(SCALARS, "{\"u32\": \"4294967296\"}", "u32", "4294967296 is out of range");
    refused(SCALARS, "{\"u64\": -1}", "u64", "-1 is out of range");
    refused(SCALARS, "{\"u64\": \"18446744073709551616\"}", "u64",
            "18446744073709551616 is out of range");
    refused(SCALARS, "{\"i64\": \"-9223372036854775809\"}", "i64",
            "-9223372036854775809 is out of range");
    refused(SCALARS, "{\"fl\": 1e39}", "fl", "1e+39 is out of range for a float");
}

Test(refusals, text_that_is_not_utf8)
{
    /* JSON text from a file is checked by jansson; a json_t built in code
     * may still hold anything. */
    json_t *j = json_pack("{so}", "text", json_stringn_nocheck("Vivalla \xff", 9));
    pbj_error_t err;
    cr_expect_null(pbj_from_json(SCALARS, j, NULL, &err));
    cr_expect_str_eq(err.path, "text");
    cr_expect_str_eq(err.message, "text is not valid UTF-8");
    json_decref(j);

    /* An overlong encoding of '/' is not UTF-8 either. */
    j = json_pack("{s[o]}", "texts", json_stringn_nocheck("\xc0\xaf", 2));
    cr_expect_null(pbj_from_json(REPEATS, j, NULL, &err));
    cr_expect_str_eq(err.path, "texts[0]");
    json_decref(j);

    /* "\u0000" is JSON, but would cut the text short in protobuf-c. */
    j = json_pack("{so}", "text", json_stringn("a\0b", 3));
    cr_expect_null(pbj_from_json(SCALARS, j, NULL, &err));
    cr_expect_str_eq(err.path, "text");
    cr_expect_str_eq(err.message, "text must not contain NUL (\\u0000)");
    json_decref(j);
}

Test(refusals, one_member_of_a_oneof)
{
    refused(&fcavtal__test__choice__descriptor, "{\"word\": \"x\", \"number\": 2}", "number",
            "only one of these may be given");
    refused(&fcavtal__test__choice__descriptor,
            "{\"inner\": {\"id\": 1}, \"day\": \"2025-01-01\"}", "day",
            "only one of these may be given");
}

Test(refusals, one_field_named_twice)
{
    refused(&fcavtal__test__references__descriptor, "{\"centre\": 1, \"centre_id\": 2}",
            "centre_id", "give either \"centre\" or \"centre_id\", not both");
    refused(WELL_KNOWN, "{\"org_number\": \"212000-1967\", \"orgNumber\": \"212000-1967\"}",
            "orgNumber", "give either \"org_number\" or \"orgNumber\", not both");
}

Test(refusals, references_without_a_resolver_are_ids)
{
    refused(&fcavtal__test__references__descriptor, "{\"centre\": \"fc-vivalla\"}", "centre",
            "expected a numeric id");
    /* Only a uint64 "x_id" has the short form; a list does not. */
    refused(&fcavtal__test__references__descriptor, "{\"approved\": [1]}", "approved",
            "unknown field for References");
}

Test(refusals, enum_names_list_the_choices)
{
    refused(SCALARS, "{\"colour\": \"green\"}", "colour",
            "unknown value \"green\"; expected one of: red, dark_blue");
    /* A number that names no value is refused too: input is checked. */
    refused(SCALARS, "{\"colour\": 9}", "colour",
            "unknown value 9; expected one of: red, dark_blue");
}

Test(refusals, base64_that_is_not)
{
    refused(SCALARS, "{\"data\": \"AA$A\"}", "data",
            "base64: '$' at position 2 is not a base64 character");
    refused(SCALARS, "{\"data\": \"AAAAA\"}", "data", "base64: 5 characters cannot be whole bytes");
    refused(SCALARS, "{\"data\": \"A=AA\"}", "data",
            "base64: '=' at position 1 is not a base64 character");
    refused(SCALARS, "{\"data\": \"AA===\"}", "data", "base64: misplaced padding");
}

Test(refusals, dates_and_org_numbers_say_why)
{
    refused(WELL_KNOWN, "{\"date\": \"2023-02-29\"}", "date",
            "2023-02-29 is not a date: February 2023 has 28 days");
    refused(WELL_KNOWN, "{\"date\": {\"year\": 2023, \"month\": 2, \"day\": 29}}", "date",
            "2023-02-29 is not a date: February 2023 has 28 days");
    refused(WELL_KNOWN, "{\"date\": 20230228}", "date", "expected a date as text, \"YYYY-MM-DD\"");
    refused(WELL_KNOWN, "{\"money\": 12.5}", "money", "expected an amount in öre (an integer)");
    refused(WELL_KNOWN, "{\"org_number\": \"212000-1968\"}", "org_number",
            "212000-1968: check digit does not match (expected 7)");
    refused(WELL_KNOWN, "{\"org_number\": {\"value\": \"21200-1967\"}}", "org_number",
            "21200-1967: must have 10 digits, or 12 starting with 16");
    refused(&fcavtal__test__repeats__descriptor, "{\"dates\": [\"2024-01-01\", \"2024-13-01\"]}",
            "dates[1]", "2024-13-01 is not a date: there is no month 13");
}

Test(refusals, a_failure_deep_inside_leaves_nothing_behind)
{
    /* Built items, strings and sub-messages before the bad one are freed
     * (LeakSanitizer would fail the test otherwise). */
    refused(REPEATS,
            "{\"texts\": [\"a\", \"b\"], \"blobs\": [\"AAE=\"], \"inners\": [{\"id\": 1, "
            "\"label\": \"one\"}, {\"id\": 2, \"label\": 3}]}",
            "inners[1].label", "expected a string");
}
