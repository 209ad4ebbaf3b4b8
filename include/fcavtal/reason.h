/* Why a date is what it is: the rule that produced it, the section of the
 * source document the rule comes from, and the reasoning in words, so that a
 * person reading a reply or a reminder can check it against the agreement. */
#ifndef FCAVTAL_REASON_H
#define FCAVTAL_REASON_H

#include <stdarg.h>

/* Room for the longest explanation the domain writes, with its dates. */
#define FC_REASON_TEXT_MAX 400

typedef struct {
    const char *rule;   /* stable identifier, e.g. "vg4.auto_renewal" (static storage) */
    const char *source; /* section it comes from, e.g. "VG §4" (static storage) */
    /* English words, ending with the source in parentheses: "not terminated in
     * writing 12 months before 2025-12-31, so extended automatically by 2
     * years to 2027-12-31 (VG §4)". */
    char text[FC_REASON_TEXT_MAX];
} fc_reason_t;

/* Stable rule identifiers: clients may match on them. */
#define FC_RULE_AUTO_RENEWAL "vg4.auto_renewal"
#define FC_RULE_FIXED_TERM "bilaga1_2.fixed_term"
#define FC_RULE_NOTICE_PERIOD "bilaga1_2.notice_period"
#define FC_RULE_EXTENSION_OPTION "bilaga1_2.extension_option"
#define FC_RULE_RECOMMENDED_LENGTH "vg15.recommended_length"
#define FC_RULE_MONTH_END_NOTICE "bilaga2_3.month_end_notice"
#define FC_RULE_ANNUAL_WINDOW "orebro.annual_window"
#define FC_RULE_UNTIL_FURTHER_NOTICE "term.until_further_notice"
#define FC_RULE_HANDOVER "agreement.handover"
#define FC_RULE_TERMINATED "agreement.terminated"
#define FC_RULE_EXPIRED "agreement.expired"
#define FC_RULE_NOTICE_RECORDED "agreement.notice_recorded"
#define FC_RULE_BUSINESS_PLAN "vg12.business_plan"
#define FC_RULE_ANNUAL_REPORT "vg11_2.annual_report"
#define FC_RULE_INVALID "term.invalid"

/* Sections of the sources (docs in /shared/seeds, summarised in the domain
 * notes). */
#define FC_SOURCE_VG4 "VG §4"
#define FC_SOURCE_VG11_12 "VG §11.1, §12"
#define FC_SOURCE_VG11_2 "VG §11.2"
#define FC_SOURCE_VG15 "VG §15, Bilaga 1 §2"
#define FC_SOURCE_BILAGA1_2 "Bilaga 1 §2"
#define FC_SOURCE_BILAGA2_3 "Bilaga 2 §3"
#define FC_SOURCE_OREBRO "Örebro, Giltighet"
/* Rules that come from the agreement's own clause or its recorded history,
 * not from a template section. */
#define FC_SOURCE_TERM "the agreement's term"
#define FC_SOURCE_RECORD "the agreement's record"

/* Sets rule and source and formats the text, cut at a whole UTF-8 character
 * when it does not fit. A NULL reason is allowed and left alone, so callers
 * that need no explanation pass NULL. */
void fc_reason_set(fc_reason_t *reason, const char *rule, const char *source, const char *fmt,
                   ...) __attribute__((format(printf, 4, 5)));
void fc_reason_vset(fc_reason_t *reason, const char *rule, const char *source, const char *fmt,
                    va_list ap) __attribute__((format(printf, 4, 0)));

#endif
