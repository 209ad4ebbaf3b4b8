#include "deadline_facts.h"

#include <string.h>

#include "swedish_date.h"
#include "text_check.h"

static bool present(const char *s)
{
    return s && s[0];
}

static bool clean(const char *s, bool multiline)
{
    return !s || ntf_utf8_clean(s, multiline);
}

static bool texts_clean(const ntf_deadline_t *d)
{
    bool ok = clean(d->kind_text, false) && clean(d->agreement_title, false)
        && clean(d->case_number, false) && clean(d->centre_name, false)
        && clean(d->moved_reason, false) && clean(d->rule_text, true)
        && clean(d->rule_source, false);
    for (size_t i = 0; ok && i < d->n_parties; i++)
        ok = clean(d->parties[i].name, false) && clean(d->parties[i].org_number, false);
    return ok;
}

fc_status_t ntf_deadline_check(const ntf_deadline_t *d, char *err, size_t errlen)
{
    const char *why = NULL;
    if (!d)
        why = "no deadline";
    else if (!ntf_id_valid(d->key, NTF_KEY_MAX))
        why = "deadline key must be 1-100 characters from A-Z a-z 0-9 . _ - "
              "with no leading, trailing or double dot";
    else if (!present(d->agreement_title) && !present(d->case_number))
        why = "deadline names neither an agreement title nor a case number";
    else if (!fc_date_valid(d->nominal) || !fc_date_valid(d->safe_day))
        why = "deadline dates are not valid dates";
    else if (fc_date_cmp(d->safe_day, d->nominal) > 0)
        why = "safe day is after the nominal date: a contractual deadline is never moved later";
    else if (d->n_parties && !d->parties)
        why = "parties missing";
    else if (!texts_clean(d))
        why = "deadline text has control characters or invalid UTF-8";
    if (!why)
        return FC_OK;
    snprintf(err, errlen, "%s", why);
    return FC_INVALID_ARGUMENT;
}

int ntf_put_capitalised(const char *text, FILE *out)
{
    const unsigned char *s = (const unsigned char *)text;
    if (s[0] >= 'a' && s[0] <= 'z')
        return fprintf(out, "%c%s", s[0] - 'a' + 'A', text + 1) < 0 ? -1 : 0;
    /* å ä ö are C3 A5, C3 A4, C3 B6; Å Ä Ö are C3 85, C3 84, C3 96. */
    if (s[0] == 0xc3 && (s[1] == 0xa5 || s[1] == 0xa4 || s[1] == 0xb6))
        return fprintf(out, "\xc3%c%s", s[1] - 0x20, text + 2) < 0 ? -1 : 0;
    return fputs(text, out) < 0 ? -1 : 0;
}

static int put_safe_day(const ntf_deadline_t *d, FILE *out)
{
    char day[NTF_DATE_TEXT_LEN], why[160];
    ntf_date_text(d->safe_day, day, sizeof day);
    if (fc_date_cmp(d->safe_day, d->nominal) == 0)
        return fprintf(out, "Skicka senast: %s\n", day) < 0 ? -1 : 0;
    const char *reason = present(d->moved_reason)
        ? d->moved_reason : ntf_moved_reason(d->nominal, d->safe_day, why, sizeof why);
    /* Domain "Deadlines": the next-working-day rule of Lag 1930:173 is for
     * statutory deadlines only, so a contractual one only moves earlier. */
    return fprintf(out, "Skicka senast: %s, närmaste arbetsdag före, eftersom %s. "
                        "En avtalad frist flyttas aldrig till en senare dag.\n",
                   day, reason) < 0 ? -1 : 0;
}

static int put_parties(const ntf_deadline_t *d, FILE *out)
{
    if (d->n_parties == 0)
        return 0;
    if (fputs("Parter som behöver agera:\n", out) < 0)
        return -1;
    for (size_t i = 0; i < d->n_parties; i++) {
        const ntf_party_t *p = &d->parties[i];
        int rc = present(p->org_number)
            ? fprintf(out, "- %s (%s)\n", p->name ? p->name : "", p->org_number)
            : fprintf(out, "- %s\n", p->name ? p->name : "");
        if (rc < 0)
            return -1;
    }
    return 0;
}

int ntf_deadline_facts(const ntf_deadline_t *d, FILE *out)
{
    char nominal[NTF_DATE_TEXT_LEN];
    int rc = 0;
    if (present(d->agreement_title))
        rc |= fprintf(out, "Avtal: %s\n", d->agreement_title) < 0;
    if (present(d->case_number))
        rc |= fprintf(out, "Diarienummer: %s\n", d->case_number) < 0;
    if (present(d->centre_name))
        rc |= fprintf(out, "Familjecentral: %s\n", d->centre_name) < 0;
    rc |= ntf_put_capitalised(ntf_deadline_text(d), out) != 0;
    rc |= fprintf(out, " enligt avtalet: %s\n", ntf_date_text(d->nominal, nominal, sizeof nominal)) < 0;
    rc |= put_safe_day(d, out) != 0;
    if (present(d->rule_text)) {
        rc |= present(d->rule_source) ? fprintf(out, "Regel (%s): %s\n", d->rule_source, d->rule_text) < 0
                                      : fprintf(out, "Regel: %s\n", d->rule_text) < 0;
    }
    rc |= put_parties(d, out) != 0;
    return rc ? -1 : 0;
}
