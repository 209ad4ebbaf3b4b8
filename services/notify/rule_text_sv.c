/* Swedish rule texts (rule_text_sv.h). */
#include "rule_text_sv.h"

#include <stdio.h>
#include <string.h>

#include "fcavtal/reason.h"

static bool is(const Deadline *d, const char *kind)
{
    return strcmp(d->kind, kind) == 0;
}

static bool rule(const Deadline *d, const char *id)
{
    return d->rule && d->rule->rule && strcmp(d->rule->rule, id) == 0;
}

char *ntf_rule_text_sv(const Deadline *d, char *buf, size_t len)
{
    char date[FC_DATE_STRLEN];
    fc_date_t nominal = {0, 0, 0};
    fc_date_from_pb(d->date, &nominal);
    fc_date_format(nominal, date);
    if (is(d, "notice") && rule(d, FC_RULE_AUTO_RENEWAL))
        snprintf(buf, len, "Om avtalet inte sagts upp skriftligen senast %s förlängs det "
                 "automatiskt.", date);
    else if (is(d, "notice") && rule(d, FC_RULE_MONTH_END_NOTICE))
        snprintf(buf, len, "Uppsägningen ska vara skriftlig och avtalet upphör vid det "
                 "månadsskifte som inträffar närmast efter sex månader; sista dag %s.",
                 date);
    else if (is(d, "notice"))
        snprintf(buf, len, "Uppsägning av avtalet för upphörande eller omförhandling ska "
                 "meddelas övriga parter skriftligen senast %s.", date);
    else if (is(d, "extension_decision"))
        snprintf(buf, len, "Förlängningen ska vara skriftlig och beslutad av samtliga "
                 "avtalsparter senast %s; annars upphör avtalet vid avtalstidens slut.",
                 date);
    else if (is(d, "annual_review"))
        snprintf(buf, len, "Respektive huvudman kan årligen, före juni månads utgång, initiera "
                 "omprövning eller uppsägning av avtal; sista dag i år %s.", date);
    else if (is(d, "handover"))
        snprintf(buf, len, "Varje part behåller sitt ansvar tills avtalet upphör; det "
                 "gemensamma arbetet ska vara överlämnat senast %s.", date);
    else if (is(d, "end"))
        snprintf(buf, len, "Avtalet upphör att gälla efter %s.", date);
    else if (is(d, "business_plan"))
        snprintf(buf, len, "Styrgruppen tar årligen fram en gemensam verksamhetsplan; planen "
                 "för %lld senast %s.", (long long)d->cycle, date);
    else if (is(d, "annual_report"))
        snprintf(buf, len, "Samordnaren sammanställer en årlig verksamhetsberättelse; den för "
                 "%lld senast %s.", (long long)d->cycle, date);
    else
        snprintf(buf, len, "Tidsfrist %s.", date);
    return buf;
}
