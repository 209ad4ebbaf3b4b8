/* Deadlines: the days that must never be missed (domain: "Deadlines"), for
 * one agreement at a time, in a window of dates. Plain C on plain structs so
 * that the notify service and unit tests use it alike.
 *
 * What produces a deadline:
 *  - an automatically renewing fixed term (VG §4): the notice deadline
 *    end - notice months of every cycle; a cycle whose deadline passes
 *    without notice rolls the end forward by the renewal period, forever;
 *  - a fixed term (Bilaga 1 §2): the last day for notice (end - notice), the
 *    decision on an extension option (the same day), and the end itself;
 *  - an annual window (Örebro, Giltighet): the window end, every year;
 *  - a recorded notice: the day it takes effect and the hand-over of
 *    responsibility by then; it cancels the deadlines it makes moot (those on
 *    or after the day it was received);
 *  - a termination: its effective day and the hand-over; nothing else;
 *  - a local agreement's centre: the yearly business plan and annual report
 *    (VG §11-12) on days set by policy.
 * Drafts and agreements out for signature bind nobody yet and have none. */
#ifndef FCAVTAL_DEADLINE_H
#define FCAVTAL_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcavtal/date.h"
#include "fcavtal/reason.h"
#include "fcavtal/status.h"
#include "fcavtal/term.h"

/* ---------------------------------------------------------------- input */

/* Numbered as the wire's AgreementKind and AgreementStatus. */
typedef enum {
    FC_AGREEMENT_FRAMEWORK = 1,
    FC_AGREEMENT_LOCAL = 2,
    FC_AGREEMENT_USE_RIGHT = 3
} fc_agreement_kind_t;

typedef enum {
    FC_AGREEMENT_DRAFT = 1,
    FC_AGREEMENT_OUT_FOR_SIGNATURE = 2,
    FC_AGREEMENT_ACTIVE = 3,
    FC_AGREEMENT_UNDER_NOTICE = 4,
    FC_AGREEMENT_TERMINATED = 5,
    FC_AGREEMENT_EXPIRED = 6
} fc_agreement_state_t;

typedef struct {
    uint64_t organisation_id;
    uint64_t operation_id;   /* 0: the organisation itself is the party */
} fc_party_t;

typedef struct {
    bool given;
    fc_date_t received;
    /* As recorded. All zero: computed from the term. When given it is used
     * as it stands (the registry computed it when the notice arrived). */
    fc_date_t effective;
    uint64_t from_organisation_id;
} fc_notice_t;

typedef struct {
    uint64_t id;
    fc_agreement_kind_t kind;
    uint64_t centre_id;            /* local and use-right; 0 otherwise */
    const char *title;             /* borrowed; may be NULL */
    const char *case_number;       /* borrowed; may be NULL */
    fc_agreement_state_t state;
    fc_term_t term;
    fc_notice_t notice;
    /* The termination's effective day; read only in TERMINATED and EXPIRED,
     * the states only the registry's terminate leads to with it set. */
    bool has_effective_end;
    fc_date_t effective_end;
    const fc_party_t *parties;     /* borrowed */
    size_t n_parties;
} fc_agreement_t;

/* The last day the agreement runs (or ran) as of `on`, and why:
 * DRAFT, OUT_FOR_SIGNATURE, ACTIVE -> the term's end in force;
 * UNDER_NOTICE -> the day the notice takes effect; TERMINATED -> the
 * termination's effective day; EXPIRED -> the effective day, else the notice's
 * or the written end. Never the effective_end in any other state, so a value
 * a client slipped in cannot end an agreement early. *has_end false: runs
 * until further notice. FC_INVALID_ARGUMENT for inconsistent input (under
 * notice without a notice, terminated without a day) or a bad term. */
fc_status_t fc_agreement_end_in_force(const fc_agreement_t *a, fc_date_t on, bool *has_end,
                                      fc_date_t *end, fc_reason_t *why);

/* --------------------------------------------------------------- output */

/* Stable names (fc_deadline_kind_name) are part of the deadline key. */
typedef enum {
    FC_DEADLINE_NOTICE,              /* "notice": last day for written notice */
    FC_DEADLINE_EXTENSION_DECISION,  /* "extension_decision" */
    FC_DEADLINE_ANNUAL_REVIEW,       /* "annual_review": the yearly window's last day */
    FC_DEADLINE_END,                 /* "end": the agreement's last day */
    FC_DEADLINE_HANDOVER,            /* "handover": responsibility handed over by */
    FC_DEADLINE_BUSINESS_PLAN,       /* "business_plan": the centre's plan for the year */
    FC_DEADLINE_ANNUAL_REPORT        /* "annual_report": the centre's report on last year */
} fc_deadline_kind_t;

/* Who must act. */
typedef enum {
    FC_ACTORS_ANY_PARTY,       /* "any_party": any party may, e.g. give notice */
    FC_ACTORS_ALL_PARTIES,     /* "all_parties": together, e.g. decide an extension */
    FC_ACTORS_EACH_PRINCIPAL,  /* "each_principal": each region or municipality may */
    FC_ACTORS_STEERING_GROUP,  /* "steering_group" (VG §11.1) */
    FC_ACTORS_COORDINATOR      /* "coordinator" (samordnare, VG §11.2) */
} fc_actors_t;

const char *fc_deadline_kind_name(fc_deadline_kind_t kind);
/* The kind named `name`; false for an unknown name. */
bool fc_deadline_kind_parse(const char *name, fc_deadline_kind_t *kind);
const char *fc_actors_name(fc_actors_t actors);

#define FC_DEADLINE_KEY_MAX 80
#define FC_DEADLINE_MOVED_MAX 200

typedef struct {
    uint64_t agreement_id;
    uint64_t centre_id;
    fc_deadline_kind_t kind;
    fc_date_t date;       /* the nominal day, as the rule gives it */
    /* The last working day on or before `date` (never later: a contractual
     * deadline is not extended by a weekend or holiday). */
    fc_date_t safe_day;
    /* Why safe_day differs, in words naming the day, "2024-12-31 is
     * nyårsafton (New Year's Eve), so send by Monday 2024-12-30"; empty when
     * date is a working day. */
    char moved[FC_DEADLINE_MOVED_MAX];
    fc_reason_t rule;     /* the rule that produced it, with its source */
    fc_actors_t actors;
    /* The renewal cycle (0: the written end) of a notice deadline under
     * automatic renewal; the year of annual windows, plans and reports;
     * 0 otherwise. */
    int64_t cycle;
    /* Stable identity for notify: "agreement/<id>/<kind>/<YYYY-MM-DD>", and
     * "centre/<id>/<kind>/<year>" for plans and reports (one per centre and
     * year, whichever agreement produced it). */
    char key[FC_DEADLINE_KEY_MAX];
} fc_deadline_t;

/* When the centre's yearly documents are due. The sources require them
 * yearly (VG §11.1, §11.2, §12) but name no day: these are policy. */
typedef struct {
    bool centre_deadlines;      /* produce them at all (default true) */
    int plan_month, plan_day;   /* plan for year Y by this day of Y (default 31 January) */
    int report_month, report_day; /* report on year Y-1 by this day of Y (default 31 March) */
} fc_deadline_policy_t;

fc_deadline_policy_t fc_deadline_policy_default(void);

/* A growing list of deadlines. */
typedef struct {
    fc_deadline_t *items;
    size_t n;
    size_t cap;
    size_t limit;  /* at most this many items; a call that would pass it fails */
} fc_deadline_list_t;

/* Default limit: far above any real window, far below running out of memory
 * on a monthly renewal asked for over 9999 years. */
#define FC_DEADLINE_LIST_LIMIT 100000

/* An empty list holding at most `limit` items (0: FC_DEADLINE_LIST_LIMIT);
 * NULL when out of memory. */
fc_deadline_list_t *fc_deadline_list_new(size_t limit);
void fc_deadline_list_destroy(fc_deadline_list_t **list);

/* Appends agreement a's deadlines whose nominal date lies in [from, until],
 * in date order. `policy` NULL: fc_deadline_policy_default(). FC_OK;
 * FC_INVALID_ARGUMENT (with why) for a bad term, window, policy or
 * inconsistent agreement; FC_OUT_OF_RANGE when the window would hold more
 * than the list's limit; FC_RESOURCE_EXHAUSTED out of memory. On an error
 * the list is as it was before the call. `why` may be NULL. */
fc_status_t fc_deadlines(const fc_agreement_t *a, fc_date_t from, fc_date_t until,
                         const fc_deadline_policy_t *policy, fc_deadline_list_t *list,
                         fc_reason_t *why);

/* Orders the list by date, then kind, key and agreement, and drops repeated
 * keys (two local agreements of one centre both produce its plan; the one
 * with the lowest agreement id stays). */
void fc_deadline_list_sort(fc_deadline_list_t *list);

#endif
