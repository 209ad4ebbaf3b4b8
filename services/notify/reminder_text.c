#include "reminder_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_facts.h"
#include "swedish_date.h"

void ntf_reminder_text_clear(ntf_reminder_text_t *text)
{
    free(text->subject);
    free(text->body);
    text->subject = text->body = NULL;
}

/* "om 10 dagar", "i morgon", "i dag" for an actual number of days left. */
static char *days_left_text(int64_t days, char *buf, size_t len)
{
    return ntf_lead_text((ntf_lead_t){0, (int)days}, buf, len);
}

/* "3 månader före", "30 dagar före", "samma dag": when it was planned. */
static char *lead_before_text(ntf_lead_t lead, char *buf, size_t len)
{
    if (lead.months)
        snprintf(buf, len, "%d %s före", lead.months, lead.months == 1 ? "månad" : "månader");
    else if (lead.days)
        snprintf(buf, len, "%d %s före", lead.days, lead.days == 1 ? "dag" : "dagar");
    else
        snprintf(buf, len, "samma dag");
    return buf;
}

static int put_subject(const ntf_reminder_t *r, FILE *out)
{
    const ntf_deadline_t *d = r->deadline;
    char safe[FC_DATE_STRLEN];
    const char *what = d->agreement_title && d->agreement_title[0] ? d->agreement_title
                                                                   : d->case_number;
    return fprintf(out, "Påminnelse%s: %s %s – %s", r->late ? " (skickas sent)" : "",
                   ntf_deadline_text(d), fc_date_format(d->safe_day, safe), what) < 0 ? -1 : 0;
}

/* The sentence that says how much time is left. A late reminder counts
 * from the day it is actually sent, not from its lead time. */
static int put_when(const ntf_reminder_t *r, FILE *out)
{
    const ntf_deadline_t *d = r->deadline;
    char when[64], day[NTF_DATE_TEXT_LEN];
    int64_t left = fc_date_days_between(r->sent_on, d->safe_day);
    if (ntf_put_capitalised(ntf_deadline_text(d), out))
        return -1;
    if (!r->late)
        return fprintf(out, " är %s, %s.\n", ntf_lead_text(r->lead, when, sizeof when),
                       ntf_date_text(d->safe_day, day, sizeof day)) < 0 ? -1 : 0;
    if (left >= 0)
        return fprintf(out, " är %s, %s.\n", days_left_text(left, when, sizeof when),
                       ntf_date_text(d->safe_day, day, sizeof day)) < 0 ? -1 : 0;
    if (fc_date_cmp(r->sent_on, d->nominal) <= 0)
        return fprintf(out, " enligt avtalet är %s, %s. Den sista arbetsdagen före har redan "
                            "passerat: skicka i dag.\n",
                       days_left_text(fc_date_days_between(r->sent_on, d->nominal), when, sizeof when),
                       ntf_date_text(d->nominal, day, sizeof day)) < 0 ? -1 : 0;
    return fprintf(out, " var %s och har passerat.\n",
                   ntf_date_text(d->nominal, day, sizeof day)) < 0 ? -1 : 0;
}

static int put_late_note(const ntf_reminder_t *r, FILE *out)
{
    if (!r->late)
        return 0;
    char planned[NTF_DATE_TEXT_LEN], sent[NTF_DATE_TEXT_LEN], before[64];
    return fprintf(out, "\nObservera: påminnelsen skickas sent. Den skulle ha skickats %s "
                        "(%s), men skickas först %s.\n",
                   ntf_date_text(ntf_lead_date(r->deadline->safe_day, r->lead), planned, sizeof planned),
                   lead_before_text(r->lead, before, sizeof before),
                   ntf_date_text(r->sent_on, sent, sizeof sent)) < 0 ? -1 : 0;
}

static int put_body(const ntf_reminder_t *r, FILE *out)
{
    int rc = fputs("Hej!\n\nDetta är en påminnelse om en tidsfrist i ett samverkansavtal "
                   "där ni är part.\n\n", out) < 0;
    rc |= put_when(r, out) != 0;
    rc |= put_late_note(r, out) != 0;
    rc |= fputs("\n", out) < 0;
    rc |= ntf_deadline_facts(r->deadline, out) != 0;
    rc |= fputs("\nSkicka uppsägning, beslut eller handling skriftligen till avtalets "
                "övriga parter och diarieför den.\n\n"
                "Vänliga hälsningar\nfcavtal – avtalsstöd för familjecentraler\n\n", out) < 0;
    rc |= fprintf(out, "Meddelandet är skickat automatiskt och går inte att svara på. "
                       "Påminnelsens id: %s\n", r->id ? r->id : "") < 0;
    return rc ? -1 : 0;
}

typedef int (*writer_fn)(const ntf_reminder_t *r, FILE *out);

static char *render(const ntf_reminder_t *r, writer_fn write)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return NULL;
    int rc = write(r, out);
    if (fclose(out) || rc) {
        free(text);
        return NULL;
    }
    return text;
}

fc_status_t ntf_reminder_text(const ntf_reminder_t *r, ntf_reminder_text_t *out, char *err,
                              size_t errlen)
{
    out->subject = out->body = NULL;
    if (!r) {
        snprintf(err, errlen, "no reminder");
        return FC_INVALID_ARGUMENT;
    }
    fc_status_t st = ntf_deadline_check(r->deadline, err, errlen);
    if (st)
        return st;
    if (!ntf_lead_valid(r->lead) || !fc_date_valid(r->sent_on)) {
        snprintf(err, errlen, "reminder has an invalid lead time or sending date");
        return FC_INVALID_ARGUMENT;
    }
    out->subject = render(r, put_subject);
    out->body = render(r, put_body);
    if (!out->subject || !out->body) {
        ntf_reminder_text_clear(out);
        snprintf(err, errlen, "out of memory");
        return FC_RESOURCE_EXHAUSTED;
    }
    return FC_OK;
}
