#include "backoff.h"

static const int64_t email_steps[] = {60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600};
static const int64_t casefeed_steps[] = {5, 30, 2 * 60, 10 * 60, 30 * 60};

const ntf_backoff_t ntf_backoff_email = {email_steps, sizeof email_steps / sizeof email_steps[0]};
const ntf_backoff_t ntf_backoff_casefeed = {casefeed_steps,
                                            sizeof casefeed_steps / sizeof casefeed_steps[0]};

int64_t ntf_backoff_delay_s(const ntf_backoff_t *schedule, unsigned failures)
{
    if (failures == 0 || !schedule || schedule->n_steps == 0)
        return 0;
    size_t i = failures - 1 < schedule->n_steps ? failures - 1 : schedule->n_steps - 1;
    return schedule->steps_s[i];
}

int64_t ntf_backoff_next_s(const ntf_backoff_t *schedule, unsigned failures, int64_t last_attempt_s)
{
    return last_attempt_s + ntf_backoff_delay_s(schedule, failures);
}
