/* The registry service: its record types, databases and handlers. */
#ifndef FC_REGISTRY_H
#define FC_REGISTRY_H

#include "fcavtal/call.h"
#include "fcavtal/record.h"
#include "fcavtal/server.h"
#include "fcavtal/v1/registry.pb-c.h"

/* Record types, in fc_service_def_t.records order. */
enum { REC_ORGANISATION, REC_OPERATION, REC_CENTRE, REC_AGREEMENT, REC_COUNT };

/* Indexes of each record type, in its fc_record_def_t.indexes order. */
enum { IX_ORG_NUMBER, IX_ORG_REGION, IX_ORG_KIND };
enum { IX_OP_ORGANISATION };
enum { IX_CENTRE_MUNICIPALITY, IX_CENTRE_CLASSIFICATION };
enum { IX_AGREEMENT_CENTRE, IX_AGREEMENT_PARTY, IX_AGREEMENT_STATUS, IX_AGREEMENT_KIND };

/* Plain databases. */
enum {
    DB_AGREEMENT_VERSIONS,  /* id | version -> Agreement, never overwritten */
    DB_COUNT
};

/* 2: record indexes, paged snapshots, idempotency records with their time. */
#define REGISTRY_SCHEMA_VERSION 2

/* Limits on repeated fields, beyond the runtime's generic ones
 * (docs/protocol.md, "Limits"). */
#define REG_MAX_PARTICIPATIONS 200
#define REG_MAX_PARTIES 64
#define REG_MAX_PEOPLE 500       /* steering group, staff, contacts */
#define REG_MAX_DOCUMENTS 200
#define REG_MAX_SIGNATURES 64

extern const fc_service_def_t fc_registry_service;

typedef Fcavtal__V1__RegistryRequest Req;
typedef Fcavtal__V1__RegistryReply Rep;

fc_status_t reg_put_organisation(fc_call_t *call, const Fcavtal__V1__PutOrganisation *body, Rep *rep);
fc_status_t reg_get_organisation(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep);
fc_status_t reg_list_organisations(fc_call_t *call, const Fcavtal__V1__ListOrganisations *body, Rep *rep);
fc_status_t reg_put_operation(fc_call_t *call, const Fcavtal__V1__PutOperation *body, Rep *rep);
fc_status_t reg_get_operation(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep);
fc_status_t reg_list_operations(fc_call_t *call, const Fcavtal__V1__ListOperations *body, Rep *rep);
fc_status_t reg_put_centre(fc_call_t *call, const Fcavtal__V1__PutCentre *body, Rep *rep);
fc_status_t reg_get_centre(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep);
fc_status_t reg_list_centres(fc_call_t *call, const Fcavtal__V1__ListCentres *body, Rep *rep);
fc_status_t reg_centre_as_of(fc_call_t *call, const Fcavtal__V1__CentreAsOf *body, Rep *rep);
fc_status_t reg_put_agreement(fc_call_t *call, const Fcavtal__V1__PutAgreement *body, Rep *rep);
fc_status_t reg_get_agreement(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep);
fc_status_t reg_list_agreements(fc_call_t *call, const Fcavtal__V1__ListAgreements *body, Rep *rep);
fc_status_t reg_agreement_history(fc_call_t *call, const Fcavtal__V1__GetById *body, Rep *rep);
fc_status_t reg_send_for_signature(fc_call_t *call, const Fcavtal__V1__AgreementAction *body, Rep *rep);
fc_status_t reg_withdraw(fc_call_t *call, const Fcavtal__V1__AgreementAction *body, Rep *rep);
fc_status_t reg_sign(fc_call_t *call, const Fcavtal__V1__SignAgreement *body, Rep *rep);
fc_status_t reg_amend(fc_call_t *call, const Fcavtal__V1__AmendAgreement *body, Rep *rep);
fc_status_t reg_record_notice(fc_call_t *call, const Fcavtal__V1__RecordNotice *body, Rep *rep);
fc_status_t reg_terminate(fc_call_t *call, const Fcavtal__V1__Terminate *body, Rep *rep);
fc_status_t reg_expire(fc_call_t *call, const Fcavtal__V1__AgreementAction *body, Rep *rep);
fc_status_t reg_import(fc_call_t *call, const Fcavtal__V1__ImportBatch *body, Rep *rep);

#endif
