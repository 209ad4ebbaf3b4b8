/* How Swedish agreements write amounts, dates and counts in running text. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fcavtal/render_context.h"

/* U+00A0: digit groups and the currency stay on one line. */
#define NBSP "\xc2\xa0"

char *rnd_format_money(int64_t ore, char *buf, size_t size)
{
    /* Work on the magnitude as unsigned so INT64_MIN has one too. */
    uint64_t mag = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
    uint64_t kronor = mag / 100, rest = mag % 100;
    char digits[24];
    snprintf(digits, sizeof digits, "%" PRIu64, kronor);
    char out[64];
    size_t o = 0, n = strlen(digits);
    if (ore < 0)
        out[o++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(out + o, NBSP, 2);
            o += 2;
        }
        out[o++] = digits[i];
    }
    snprintf(out + o, sizeof out - o, ",%02" PRIu64 NBSP "kr", rest);
    snprintf(buf, size, "%s", out);
    return buf;
}

char *rnd_format_date(fc_date_t date, char *buf, size_t size)
{
    snprintf(buf, size, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

char *rnd_format_permille(int32_t permille, char *buf, size_t size)
{
    int64_t p = permille < 0 ? -(int64_t)permille : permille;
    /* Round to hundredths: 333 -> 0,33; 335 -> 0,34. */
    int64_t hundredths = (p + 5) / 10;
    snprintf(buf, size, "%s%" PRId64 ",%02" PRId64, permille < 0 ? "-" : "",
             hundredths / 100, hundredths % 100);
    return buf;
}

char *rnd_format_count_words(unsigned n, char *buf, size_t size)
{
    static const char *const words[] = {
        "noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio",
        "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton",
        "nitton", "tjugo"};
    if (n < sizeof words / sizeof words[0])
        snprintf(buf, size, "%s", words[n]);
    else
        snprintf(buf, size, "%u", n);
    return buf;
}
