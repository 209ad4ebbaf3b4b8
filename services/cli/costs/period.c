/* Periods and amounts as people type them. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "costs.h"
#include "fcavtal/date.h"

static json_t *period(const char *kind, fc_date_t from, fc_date_t to)
{
    char a[FC_DATE_STRLEN], b[FC_DATE_STRLEN];
    return json_pack("{ss ss ss}", "kind", kind, "from", fc_date_format(from, a), "to",
                     fc_date_format(to, b));
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

json_t *costs_period_arg(const char *text)
{
    size_t n = strlen(text);
    int year = n >= 4 && digits(text, 4) ? atoi(text) : 0;
    const char *dots = strstr(text, "..");
    if (dots) {
        char a[16] = "", b[16] = "";
        fc_date_t from, to;
        size_t la = (size_t)(dots - text);
        if (la < sizeof a && strlen(dots + 2) < sizeof b) {
            memcpy(a, text, la);
            strcpy(b, dots + 2);
        }
        if (fc_date_parse(a, &from) == 0 && fc_date_parse(b, &to) == 0)
            return period("custom", from, to);
    } else if (year >= 1 && n == 4) {
        return period("year", (fc_date_t){year, 1, 1}, (fc_date_t){year, 12, 31});
    } else if (year >= 1 && n == 6 && (text[4] == 'Q' || text[4] == 'q') && text[5] >= '1' &&
               text[5] <= '4') {
        int q = text[5] - '0';
        fc_date_t from = {year, 3 * q - 2, 1};
        return period("quarter", from, fc_date_end_of_month((fc_date_t){year, 3 * q, 1}));
    } else if (year >= 1 && n == 7 && text[4] == '-' && digits(text + 5, 2)) {
        int m = atoi(text + 5);
        if (m >= 1 && m <= 12)
            return period("month", (fc_date_t){year, m, 1},
                          fc_date_end_of_month((fc_date_t){year, m, 1}));
    }
    fprintf(stderr, "error: '%s' is no period: give a year (2025), a quarter (2025Q1), a month "
                    "(2025-03) or FROM..TO (2025-01-01..2025-06-30)\n", text);
    return NULL;
}

int costs_amount_arg(const char *text, int64_t *ore)
{
    const char *p = text;
    bool negative = *p == '-';
    if (negative)
        p++;
    int64_t kr = 0, frac = 0;
    int frac_digits = 0, int_digits = 0;
    bool in_frac = false, bad = false;
    for (; *p && !bad; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' && !in_frac) /* thousands, as in "600 000" */
            continue;
        if (!strncmp(p, "\xc2\xa0", 2) && !in_frac) { /* no-break space */
            p++;
            continue;
        }
        if ((c == ',' || c == '.') && !in_frac) {
            in_frac = true;
        } else if (isdigit(c) && in_frac && frac_digits < 2) {
            frac = frac * 10 + (c - '0');
            frac_digits++;
        } else if (isdigit(c) && !in_frac) {
            bad = __builtin_mul_overflow(kr, 10, &kr) || __builtin_add_overflow(kr, c - '0', &kr);
            int_digits++;
        } else if (strcmp(p, " kr") == 0 || strcmp(p, "kr") == 0) {
            break;
        } else {
            bad = true;
        }
    }
    if (frac_digits == 1)
        frac *= 10;
    if (!bad && (int_digits > 0 || frac_digits > 0) && !negative &&
        !__builtin_mul_overflow(kr, 100, ore) && !__builtin_add_overflow(*ore, frac, ore))
        return 0;
    fprintf(stderr, "error: --amount %s: %s\n", text,
            negative ? "an amount is above zero; a credit note is --credit with the amount"
                     : "not an amount in kronor (e.g. 600000, \"600 000,00\", 1234.50) that "
                       "fits in 64-bit öre");
    return -1;
}
