/* The engine's texts are written by its own formatter for the conversions
 * it uses (services/costs/text.c); every one must give exactly the bytes
 * snprintf gives, and anything else must still go through vsnprintf. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../services/costs/text.h"

#define SAME(fmt, ...)                                                                 \
    do {                                                                               \
        char want[512];                                                                \
        snprintf(want, sizeof want, fmt, __VA_ARGS__);                                 \
        cst__text_t t;                                                                 \
        cr_assert(cst__text_open(&t));                                                 \
        cst__text_add(&t, "<");                                                        \
        cst__text_add(&t, fmt, __VA_ARGS__);                                           \
        cst__text_add(&t, ">");                                                        \
        char *got;                                                                     \
        size_t len;                                                                    \
        cr_assert(cst__text_close(&t, &got, &len));                                    \
        char framed[520];                                                              \
        snprintf(framed, sizeof framed, "<%s>", want);                                 \
        cr_expect_str_eq(got, framed, "format \"%s\"", fmt);                           \
        cr_expect_eq(len, strlen(framed));                                             \
        free(got);                                                                     \
    } while (0)

Test(text, the_engines_conversions_match_snprintf)
{
    SAME("%s: %s: ", "VG §14.1", "lika delar");
    SAME("%s%s", "", "Öppna förskolan");
    SAME("cost item %llu (%s) is shared ", 18446744073709551615ull, "coordinator");
    SAME("(%lld days)", -9223372036854775807LL - 1);
    SAME("%lld", 0LL);
    SAME("1/%zu × 1/%zu", (size_t)2, (size_t)3);
    SAME("%zu", SIZE_MAX);
    SAME("%d|%d|%d", INT_MIN, 0, INT_MAX);
    SAME("%u", UINT_MAX);
    SAME("%04d-%02d-%02d", 2025, 4, 1);
    SAME("%04d", -7);
    SAME("%02d", 123);
    SAME("%5s|%2s", "ab", "abc");
    SAME("%ld %lu", -5L, 7ul);
    SAME("100 %% of %s", "it");
    SAME("%s", "a long text, longer than the buffer's first 128 bytes, so that it grows: "
               "Familjecentralen i Västra Götaland, med BVC, BMM, öppen förskola och "
               "socialtjänst, delar kostnaden lika");
}

Test(text, other_conversions_still_format)
{
    SAME("%-6s|", "vg");
    SAME("%.2f", 1.005);
    SAME("%x %c", 255u, 'q');
    SAME("%s and %5.1f", "mixed", 2.25);
}

Test(text, a_null_string_prints_as_glibc_does)
{
    cst__text_t t;
    cr_assert(cst__text_open(&t));
    const char *none = NULL;
    /* What the test is about: an optimising build sees the NULL and warns. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-overflow"
    cst__text_add(&t, "[%s]", none);
#pragma GCC diagnostic pop
    char *got;
    cr_assert(cst__text_close(&t, &got, NULL));
    cr_expect_str_eq(got, "[(null)]");
    free(got);
}
