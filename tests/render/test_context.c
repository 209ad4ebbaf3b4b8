/* The template context: building, finding, replacing, ownership, and how
 * amounts, shares and counts are written. */
#include <criterion/criterion.h>
#include <string.h>

#include "fcavtal/render_context.h"

Test(context, builds_and_finds_by_path)
{
    rnd_value_t *ctx = rnd_map_new();
    rnd_value_t *centre = rnd_map_add_map(ctx, "centre");
    rnd_value_t *addr = rnd_map_add_map(centre, "address");
    cr_assert_eq(rnd_map_set_text(addr, "city", "Göteborg"), FC_OK);
    rnd_value_t *parties = rnd_map_add_list(ctx, "parties");
    rnd_value_t *p = rnd_list_add_map(parties);
    cr_assert_eq(rnd_map_set_text(p, "name", "Öppna förskolan"), FC_OK);
    cr_assert_eq(rnd_list_append_text(rnd_map_add_list(ctx, "tags"), "ett"), FC_OK);

    cr_expect_str_eq(rnd_value_text(rnd_value_find(ctx, "centre.address.city")), "Göteborg");
    cr_expect_null(rnd_value_find(ctx, "centre.adress.city"));
    cr_expect_null(rnd_value_find(ctx, "centre.address.city.more"));
    cr_expect_eq(rnd_value_kind(rnd_value_find(ctx, "parties")), RND_LIST);
    cr_expect_eq(rnd_value_count(rnd_value_find(ctx, "parties")), 1);
    cr_expect_str_eq(rnd_value_text(rnd_map_get(rnd_value_at(parties, 0), "name")),
                     "Öppna förskolan");
    cr_expect_str_eq(rnd_map_key_at(ctx, 1), "parties");
    rnd_value_destroy(&ctx);
    cr_expect_null(ctx);
    rnd_value_destroy(&ctx); /* twice is harmless */
}

Test(context, replacing_a_key_keeps_its_place)
{
    rnd_value_t *ctx = rnd_map_new();
    rnd_map_set_text(ctx, "a", "1");
    rnd_map_set_text(ctx, "b", "2");
    cr_assert_eq(rnd_map_set_text(ctx, "a", "3"), FC_OK);
    cr_expect_eq(rnd_value_count(ctx), 2);
    cr_expect_str_eq(rnd_map_key_at(ctx, 0), "a");
    cr_expect_str_eq(rnd_value_text(rnd_value_at(ctx, 0)), "3");
    rnd_value_t *list = rnd_list_new();
    cr_assert_eq(rnd_map_set(ctx, "a", &list), FC_OK);
    cr_expect_null(list, "ownership moves to the map");
    cr_expect_eq(rnd_value_kind(rnd_map_get(ctx, "a")), RND_LIST);
    rnd_value_destroy(&ctx);
}

Test(context, refuses_bad_keys_bad_text_and_wrong_kinds)
{
    rnd_value_t *ctx = rnd_map_new();
    cr_expect_eq(rnd_map_set_text(ctx, "", "x"), FC_INVALID_ARGUMENT);
    cr_expect_eq(rnd_map_set_text(ctx, "centre.name", "x"), FC_INVALID_ARGUMENT);
    cr_expect_eq(rnd_map_set_text(ctx, "namn med mellanslag", "x"), FC_INVALID_ARGUMENT);
    cr_expect_eq(rnd_map_set_text(ctx, "ok", "\xc3\x28"), FC_INVALID_ARGUMENT);
    cr_expect_null(rnd_text_new("\xff"));
    rnd_value_t *list = rnd_list_new();
    cr_expect_eq(rnd_map_set_text(list, "k", "v"), FC_INVALID_ARGUMENT);
    rnd_value_t *v = rnd_text_new("x");
    cr_expect_eq(rnd_list_append(ctx, &v), FC_INVALID_ARGUMENT);
    cr_expect_not_null(v, "a refused value stays with the caller");
    rnd_value_destroy(&v);
    rnd_value_destroy(&list);
    cr_expect_eq(rnd_value_count(ctx), 0, "bad input changes nothing");
    rnd_value_destroy(&ctx);
}

Test(context, formats_money_shares_dates_and_counts)
{
    char buf[64];
    cr_expect_str_eq(rnd_format_money(41240000, buf, sizeof buf), "412\u00a0400,00\u00a0kr");
    cr_expect_str_eq(rnd_format_money(5, buf, sizeof buf), "0,05\u00a0kr");
    cr_expect_str_eq(rnd_format_money(-123456789, buf, sizeof buf), "-1\u00a0234\u00a0567,89\u00a0kr");
    cr_expect_str_eq(rnd_format_money(INT64_MIN, buf, sizeof buf),
                     "-92\u00a0233\u00a0720\u00a0368\u00a0547\u00a0758,08\u00a0kr");
    cr_expect_str_eq(rnd_format_permille(250, buf, sizeof buf), "0,25");
    cr_expect_str_eq(rnd_format_permille(1000, buf, sizeof buf), "1,00");
    cr_expect_str_eq(rnd_format_permille(335, buf, sizeof buf), "0,34");
    cr_expect_str_eq(rnd_format_date((fc_date_t){2025, 3, 1}, buf, sizeof buf), "2025-03-01");
    cr_expect_str_eq(rnd_format_count_words(4, buf, sizeof buf), "fyra");
    cr_expect_str_eq(rnd_format_count_words(2, buf, sizeof buf), "två");
    cr_expect_str_eq(rnd_format_count_words(21, buf, sizeof buf), "21");
}
