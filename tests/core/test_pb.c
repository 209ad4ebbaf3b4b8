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
