/* The wire check that runs before a request is unpacked. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/pbscan.h"
#include "fcavtal/v1/registry.pb-c.h"

static uint8_t *pack(const ProtobufCMessage *m, size_t *n)
{
    *n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = malloc(*n + 1);
    protobuf_c_message_pack(m, buf);
    return buf;
}

static fc_status_t scan(const uint8_t *buf, size_t n, fc_pbscan_t *s)
{
    return fc_pbscan(&fcavtal__v1__registry_request__descriptor, buf, n, s);
}

static fc_pbscan_t limits(size_t elements, size_t repeated)
{
    return (fc_pbscan_t){ .max_elements = elements, .max_repeated = repeated };
}

/* An organisation with one contact, whose name the test sets. */
static uint8_t *org_request(const char *contact_name, const char *request_id, size_t *n)
{
    Fcavtal__V1__RegistryRequest req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    Fcavtal__V1__Contact contact = FCAVTAL__V1__CONTACT__INIT;
    Fcavtal__V1__Contact *contacts[] = { &contact };
    req.request_id = (char *)request_id;
    req.body_case = FCAVTAL__V1__REGISTRY_REQUEST__BODY_PUT_ORGANISATION;
    req.put_organisation = &put;
    put.organisation = &org;
    org.name = "Västra Götalandsregionen";
    org.n_contacts = 1;
    org.contacts = contacts;
    contact.name = (char *)contact_name;
    return pack(&req.base, n);
}

Test(pbscan, a_valid_request_passes_and_is_counted)
{
    size_t n;
    uint8_t *buf = org_request("Åsa Öberg", "r-1", &n);
    fc_pbscan_t s = limits(100, 100);
    cr_assert_eq(scan(buf, n, &s), FC_OK, "%s %s", s.path, s.problem);
    cr_assert_eq(s.elements, 6, "request_id, body, organisation name, contacts, contact name: %zu",
                 s.elements);
    free(buf);
}

Test(pbscan, bad_utf8_is_refused_with_its_path)
{
    size_t n;
    uint8_t *buf = org_request("\xed\xa0\x80", "r-1", &n);   /* a UTF-16 surrogate */
    fc_pbscan_t s = limits(100, 100);
    cr_assert_eq(scan(buf, n, &s), FC_INVALID_ARGUMENT);
    cr_assert_str_eq(s.path, "put_organisation.organisation.contacts[0].name");
    cr_assert_str_eq(s.problem, "is not valid UTF-8");
    free(buf);
}

Test(pbscan, a_nul_in_the_request_id_is_refused_not_cut)
{
    size_t n;
    uint8_t *buf = org_request("ok", "abc", &n);
    /* "abc" sits at bytes 2..4 (tag 0x0a, length 3): make it "a\0c". */
    cr_assert_eq(buf[0], 0x0a);
    buf[3] = '\0';
    fc_pbscan_t s = limits(100, 100);
    cr_assert_eq(scan(buf, n, &s), FC_INVALID_ARGUMENT);
    cr_assert_str_eq(s.path, "request_id");
    cr_assert_str_eq(s.problem, "contains a NUL byte");
    free(buf);
}

/* Two million empty agreements fit in 4 MiB and would decode into two
 * million structs; the scan stops at the limit without allocating. */
Test(pbscan, millions_of_empty_elements_stop_at_the_limit)
{
    size_t count = 2000000, n = 0;
    uint8_t *buf = malloc(4 + count * 2 + 16);
    buf[n++] = 0x8a;                      /* import_batch (field 33), length-delimited: */
    buf[n++] = 0x02;                      /* tag 266 as a varint */
    size_t inner = count * 2;
    for (size_t v = inner; ; v >>= 7) {    /* varint length */
        buf[n++] = (uint8_t)((v & 0x7f) | (v >> 7 ? 0x80 : 0));
        if (!(v >> 7))
            break;
    }
    for (size_t i = 0; i < count; i++) {
        buf[n++] = (4 << 3) | 2;          /* agreements, empty */
        buf[n++] = 0;
    }
    fc_pbscan_t s = limits(200000, 1000000000);
    cr_assert_eq(scan(buf, n, &s), FC_RESOURCE_EXHAUSTED);
    cr_assert(strstr(s.problem, "more than 200000"), "%s", s.problem);
    s = limits(100000000, 100000);
    cr_assert_eq(scan(buf, n, &s), FC_RESOURCE_EXHAUSTED);
    cr_assert_str_eq(s.problem, "agreements has more than 100000 items");
    free(buf);
}

Test(pbscan, truncated_and_garbage_bytes_are_malformed)
{
    size_t n;
    uint8_t *buf = org_request("ok", "r-1", &n);
    fc_pbscan_t s = limits(100, 100);
    cr_assert_eq(scan(buf, n - 3, &s), FC_INVALID_ARGUMENT, "a cut message");
    uint8_t groups[] = { (10 << 3) | 3, 0 };   /* a start-group tag: not proto3 */
    cr_assert_eq(scan(groups, sizeof groups, &s), FC_INVALID_ARGUMENT);
    uint8_t zero_field[] = { 0x00, 0x01 };
    cr_assert_eq(scan(zero_field, sizeof zero_field, &s), FC_INVALID_ARGUMENT, "field number 0");
    uint8_t huge_length[] = { 0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 'x' };
    cr_assert_eq(scan(huge_length, sizeof huge_length, &s), FC_INVALID_ARGUMENT);
    free(buf);
}
