/* Small conversions every notify file needs: day codes for big-endian date
 * keys, wire dates, the wall clock and growing repeated fields. */
#include <stdlib.h>
#include <time.h>

#include "notify.h"

/* Days since 1970 shifted so that year 1 is positive: a key's memcmp order
 * is date order. */
#define DAY_OFFSET 800000

uint32_t ntf_day_code(fc_date_t d)
{
    return (uint32_t)(fc_date_to_days(d) + DAY_OFFSET);
}

fc_date_t ntf_day_decode(uint32_t code)
{
    return fc_date_from_days((int64_t)code - DAY_OFFSET);
}

int64_t ntf_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int ntf_append(size_t *n, void *items_field, void *item)
{
    void ***items = items_field;
    void **grown = realloc(*items, (*n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    grown[(*n)++] = item;
    *items = grown;
    return 0;
}
