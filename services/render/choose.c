/* Which template renders which agreement, by the framework's rule set: the
 * rules belong to the framework, so a new region is a new row here and a
 * new template file, not new code paths. */
#include <stddef.h>

#include "error.h"

/* VG §15: "Ett lokalt samverkansavtal ska dock innehålla följande punkter". */
static const char *const VG_LOCAL_SECTIONS[] = {
    "Avtalsparter och placering", "Avtalstid",
    "Avtalets utgångspunkter", "Syfte med avtalet",
    "Familjecentralens syfte och mål", "Parternas gemensamma ansvar",
    "Parternas enskilda ansvar", "Styrgrupp",
    "Samordnare", "Personalgrupp",
    "Sekretess och informationsöverföring", "Finansiering",
    "Ändring och tillägg i avtalet", "Tvist",
    "Underskrift",
};

/* Bilaga 2 has no mandatory list ("Nyttjanderättsavtal har inga formkrav");
 * these are what the registry's use-right record can never lack. */
static const char *const VG_USE_RIGHT_SECTIONS[] = {
    "Avtalsparter och lokalisering", "Nyttjanderättens omfattning och ändamål",
    "Nyttjanderättsperiod, uppsägningstid och förlängningstid",
    "Ersättning för upplåtelsen", "Underskrift",
};

/* The Örebro template's headings that carry data (Region Örebro län,
 * "Samverkansavtal avseende ___ familjecentral"). */
static const char *const OREBRO_LOCAL_SECTIONS[] = {
    "Avtalsparter och placering", "Utgångspunkter", "Syfte med avtalet",
    "Familjecentralens uppdrag", "Parternas uppdrag", "Styrning och ledning",
    "Ekonomi", "Informationsöverföring/sekretess", "Giltighet", "Underskrift",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    rnd_agreement_kind_t kind;
    rnd_rule_set_t rules;
    rnd_template_choice_t choice;
} TABLE[] = {
    {RND_AGREEMENT_LOCAL, RND_RULES_VG,
     {"vg-local.md", VG_LOCAL_SECTIONS, COUNT(VG_LOCAL_SECTIONS),
      "VG §15 and Bilaga 1 (mall för lokalt samverkansavtal)"}},
    {RND_AGREEMENT_USE_RIGHT, RND_RULES_VG,
     {"vg-use-right.md", VG_USE_RIGHT_SECTIONS, COUNT(VG_USE_RIGHT_SECTIONS),
      "VG Bilaga 2 (mall för lokalt nyttjanderättsavtal)"}},
    {RND_AGREEMENT_LOCAL, RND_RULES_OREBRO,
     {"orebro-local.md", OREBRO_LOCAL_SECTIONS, COUNT(OREBRO_LOCAL_SECTIONS),
      "Region Örebro län, mall för lokalt samverkansavtal"}},
};

static const char *kind_name(rnd_agreement_kind_t kind)
{
    switch (kind) {
    case RND_AGREEMENT_FRAMEWORK: return "framework";
    case RND_AGREEMENT_LOCAL: return "local";
    case RND_AGREEMENT_USE_RIGHT: return "use-right";
    }
    return "unknown";
}

static const char *rules_name(rnd_rule_set_t rules)
{
    switch (rules) {
    case RND_RULES_VG: return "VG";
    case RND_RULES_OREBRO: return "Örebro";
    case RND_RULES_NATIONAL: return "national";
    }
    return "unknown";
}

fc_status_t rnd_template_choose(rnd_agreement_kind_t kind, rnd_rule_set_t rules,
                                rnd_template_choice_t *out, rnd_error_t *err)
{
    for (size_t i = 0; i < COUNT(TABLE); i++) {
        if (TABLE[i].kind == kind && TABLE[i].rules == rules) {
            *out = TABLE[i].choice;
            return FC_OK;
        }
    }
    if (kind == RND_AGREEMENT_FRAMEWORK)
        return rnd__fail(err, FC_NOT_FOUND,
                         "framework agreements are adopted as the region's own documents; "
                         "no template renders them");
    if (kind == RND_AGREEMENT_USE_RIGHT && rules == RND_RULES_OREBRO)
        return rnd__fail(err, FC_NOT_FOUND,
                         "the Örebro rule set has no use-right template: its local agreement "
                         "regulates premises under \"Ekonomi\"");
    return rnd__fail(err, FC_NOT_FOUND, "no template for a %s agreement under the %s rule set",
                     kind_name(kind), rules_name(rules));
}
