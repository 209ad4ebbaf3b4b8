/* öre to text by integer arithmetic: a float would lose öre above 2^53. */
#include "fcavtal/costs/money.h"

#include <stdbool.h>
#include <string.h>

char *cst_money_format(int64_t ore, cst_money_style_t style, char buf[CST_MONEY_STRLEN])
{
    /* The magnitude of INT64_MIN only fits unsigned. */
    bool negative = ore < 0;
    uint64_t mag = negative ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
    uint64_t kronor = mag / 100;
    unsigned cents = (unsigned)(mag % 100);
    bool grouped = style == CST_MONEY_TEXT;

    /* Written backwards into tmp, then reversed into buf. */
    char tmp[CST_MONEY_STRLEN];
    size_t n = 0;
    if (style == CST_MONEY_TEXT) {
        memcpy(tmp, "rk ", 3); /* " kr" reversed */
        n = 3;
    }
    tmp[n++] = (char)('0' + cents % 10);
    tmp[n++] = (char)('0' + cents / 10);
    tmp[n++] = style == CST_MONEY_DECIMAL_POINT ? '.' : ',';
    int digits = 0;
    do {
        if (grouped && digits > 0 && digits % 3 == 0)
            tmp[n++] = ' ';
        tmp[n++] = (char)('0' + kronor % 10);
        kronor /= 10;
        digits++;
    } while (kronor > 0);
    if (negative)
        tmp[n++] = '-';
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return buf;
}
