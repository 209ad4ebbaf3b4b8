/* fc_snformat gives the bytes and the result snprintf gives, truncation
 * included, for the conversions it writes itself and for the rest (which it
 * hands to vsnprintf). */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fcavtal/format.h"

#define SAME(size, ...)                                                                     \
    do {                                                                                    \
        char want[256], got[256];                                                           \
        memset(want, 'x', sizeof want);                                                     \
        memset(got, 'x', sizeof got);                                                       \
        int nw = snprintf(want, (size), __VA_ARGS__);                                       \
        int ng = fc_snformat(got, (size), __VA_ARGS__);                                     \
        cr_assert_eq(ng, nw, "result for size %zu: %d, snprintf %d", (size_t)(size), ng, nw); \
        cr_assert(memcmp(got, want, sizeof want) == 0, "bytes for size %zu: '%.*s' / '%.*s'", \
                  (size_t)(size), 60, got, 60, want);                                       \
    } while (0)

Test(format, every_conversion_it_writes_matches_snprintf)
{
    for (size_t size = 1; size < 80; size += 3) {
        SAME(size, "agreement/%llu/%s/%s", 18446744073709551615ull, "notice", "2026-12-31");
        SAME(size, "centre/%llu/%s/%lld", 7ull, "business_plan", -42ll);
        SAME(size, "%d %u %ld %lu %zu %%", INT_MIN, UINT_MAX, LONG_MIN, ULONG_MAX, (size_t)0);
        SAME(size, "[%05d] [%5d] [%-5d] [%3s] [%02u]", -42, 7, 7, "ab", 123u);
        SAME(size, "%s is %s, so %s %s %s", "2024-12-31", "nyårsafton (New Year's Eve)",
             "send by", "Monday", "2024-12-30");
        SAME(size, "%s", "");
        SAME(size, "no conversions at all, only text that is long enough to be cut");
    }
}

Test(format, conversions_it_does_not_write_go_to_vsnprintf)
{
    for (size_t size = 1; size < 40; size += 5) {
        SAME(size, "%x %o %c %.2f", 255u, 8u, 'q', 1.5);
        SAME(size, "%s then %x", "written first", 48879u);
    }
}

Test(format, random_numbers_match)
{
    srand(20261202);
    for (int i = 0; i < 20000; i++) {
        unsigned long long u = ((unsigned long long)rand() << 33) ^
                               ((unsigned long long)rand() << 2) ^ (unsigned long long)rand();
        long long v = (long long)(u >> 1);
        if (i % 2)
            v = -v;
        size_t size = (size_t)(rand() % 40 + 1);
        int width = rand() % 25;   /* '*' is not written by the fast path: vsnprintf's */
        SAME(size, "%020lld|%5lld|%0*lld", v, v, width, v);
        SAME(size, "%lld/%llu/%d", v, (unsigned long long)v, (int)v);
    }
}
