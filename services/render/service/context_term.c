/* The term as the document states it: start and agreed end, the notice
 * period in words, the last day for written notice, a received notice and
 * the end in force. The domain library's term rules (fcavtal/term.h), the
 * registry's too, compute the end in force and the deadline, so the
 * document and the registry never disagree. */
#include <stdio.h>

#include "context.h"
#include "fcavtal/holiday.h"
#include "domain_view.h"
#include "words.h"

#define STATUS(x) FCAVTAL__V1__AGREEMENT_STATUS__AGREEMENT_STATUS_##x

/* The last day written notice can be given before the end in force
 * (Bilaga 1 §2: end - notice months). When it is not a working day the
 * document says so and names the last working day before it; it never
 * moves the deadline later (domain.md, "Deadlines"). */
static void deadline_text(fc_date_t deadline, char *buf, size_t size)
{
    char d[FC_DATE_STRLEN], safe[FC_DATE_STRLEN];
    rnd_format_date(deadline, d, sizeof d);
    if (fc_is_working_day(deadline)) {
        snprintf(buf, size, "%s", d);
        return;
    }
    const char *holiday = fc_holiday_name(deadline);
    fc_date_t before = fc_last_working_day_on_or_before(deadline);
    snprintf(buf, size, "%s (en %s; den sista arbetsdagen före är %s %s)", d,
             holiday ? holiday : rsv_weekday_name(fc_date_weekday(deadline)),
             rsv_weekday_name(fc_date_weekday(before)), rnd_format_date(before, safe, sizeof safe));
}

static void notice(rsv_build_t *b, rsv_world_t *w, rnd_value_t *agreement)
{
    const Fcavtal__V1__Notice *n = w->agreement->notice;
    rnd_value_t *m = rsv_map(b, agreement, "notice");
    rsv_set_date(b, m, "received", n ? n->received : NULL);
    rsv_set(b, m, "from", n && n->from_organisation_id
                              ? rsv_party_name(w, n->from_organisation_id, 0) : "");
}

void rsv_ctx_term(rsv_build_t *b, rsv_world_t *w, rnd_value_t *agreement)
{
    const DocAgreement *a = w->agreement;
    const Fcavtal__V1__Term *t = a->term;
    rnd_value_t *m = rsv_map(b, agreement, "term");
    rsv_set_date(b, m, "start", t ? t->start : NULL);
    rsv_set_date(b, m, "end", t && !t->until_further_notice ? t->end : NULL);
    rsv_set(b, m, "until_further_notice", t && t->until_further_notice ? "ja" : "");
    int32_t ext = t ? t->extension_option_months : 0;
    char words[32], buf[256];
    if (ext > 0)
        rsv_setf(b, m, "extension_months", "%d", ext);
    else
        rsv_set(b, m, "extension_months", "");
    if (ext > 0)
        rsv_setf(b, m, "extension",
                 "Avtalet kan förlängas med %d månader efter skriftligt beslut av parterna.", ext);
    else
        rsv_set(b, m, "extension", "");
    int32_t months = t ? t->notice_months : 0;
    rsv_set(b, m, "notice_months",
            months > 0 ? rnd_format_count_words((unsigned)months, words, sizeof words) : "");
    fc_date_t end, deadline;
    bool has_end = false;
    if (rsv_end_in_force(a, w->date, &has_end, &end) != FC_OK)
        has_end = false;   /* a term the registry let through but no rule can read */
    rsv_set(b, m, "end_in_force", has_end ? rnd_format_date(end, buf, sizeof buf) : "");
    rsv_set(b, m, "terminated", a->status == STATUS(TERMINATED) && !a->notice ? "ja" : "");
    /* Once notice is given or the agreement ended, no deadline is ahead. */
    bool running = a->status == STATUS(DRAFT) || a->status == STATUS(OUT_FOR_SIGNATURE)
                   || a->status == STATUS(ACTIVE);
    if (running && !a->notice && rsv_notice_deadline(a, w->date, &deadline))
        deadline_text(deadline, buf, sizeof buf);
    else
        buf[0] = '\0';
    rsv_set(b, m, "notice_deadline", buf);
    notice(b, w, agreement);
}
