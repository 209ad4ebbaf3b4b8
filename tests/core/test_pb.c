#include <criterion/criterion.h>
#include <string.h>

#include "fcavtal/pb.h"
#include "fcavtal/v1/registry.pb-c.h"

Test(utf8, trim_drops_only_a_cut_character)
{
    char whole[] = "Familjecentralen Östra";
    fc_utf8_trim(whole);
    cr_assert_str_eq(whole, "Familjecentralen Östra", "valid text must stay as it is");
    char cut[] = "Familjecentralen \xc3";   /* "Ö" cut after its first byte */
    fc_utf8_trim(cut);
    cr_assert_str_eq(cut, "Familjecentralen ");
}

Test(utf8, invalid_strings_are_found_in_nested_messages)
{
    Fcavtal__V1__RegistryRequest req = FCAVTAL__V1__REGISTRY_REQUEST__INIT;
    Fcavtal__V1__PutOrganisation put = FCAVTAL__V1__PUT_ORGANISATION__INIT;
    Fcavtal__V1__Organisation org = FCAVTAL__V1__ORGANISATION__INIT;
    Fcavtal__V1__Contact contact = FCAVTAL__V1__CONTACT__INIT;
    Fcavtal__V1__Contact *contacts[] = { &contact };
    req.body_case = FCAVTAL__V1__REGISTRY_REQUEST__BODY_PUT_ORGANISATION;
    req.put_organisation = &put;
    put.organisation = &org;
    org.name = "Västra Götalandsregionen";
    org.n_contacts = 1;
    org.contacts = contacts;
    contact.name = "Åsa Öberg";
    const char *field = NULL;
    cr_assert(fc_pb_strings_valid(&req.base, &field));
    contact.name = "\xed\xa0\x80";   /* a UTF-16 surrogate, not allowed in UTF-8 */
    cr_assert_not(fc_pb_strings_valid(&req.base, &field));
    cr_assert_str_eq(field, "name");
    contact.name = "ok";
    req.actor = "\xff";
    cr_assert_not(fc_pb_strings_valid(&req.base, &field));
    cr_assert_str_eq(field, "actor");
}
