/* Retry delays (retry_schedule.h). */
#include "retry_schedule.h"

#include <stdlib.h>

int ntf_retry_parse(const char *text, ntf_retry_t *out)
{
    ntf_retry_t r = {.n = 0};
    const char *p = text ? text : "";
    while (*p) {
        char *end;
        long long v = strtoll(p, &end, 10);
        if (end == p || v <= 0 || v > 7LL * 24 * 3600 * 1000 || r.n == NTF_RETRY_MAX_STEPS ||
            (*end && *end != ','))
            return -1;
        r.steps_ms[r.n++] = v;
        p = *end ? end + 1 : end;
    }
    if (!r.n)
        return -1;
    *out = r;
    return 0;
}

int64_t ntf_retry_delay_ms(const ntf_retry_t *r, uint32_t attempts)
{
    size_t i = attempts == 0 ? 0 : attempts - 1;
    return r->steps_ms[i < r->n ? i : r->n - 1];
}
