#include "smtp.h"

#include <ctype.h>
#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *data;
    size_t len, pos;
} upload_t;

/* What the SMTP dialogue said, taken from libcurl's debug stream: libcurl
 * reports a refused RCPT only as "RCPT failed: 550", without the server's
 * text or which recipient it was. */
typedef struct {
    const ntf_email_t *mail;
    ntf_smtp_result_t *result;
    char verb[16];          /* last command sent: "MAIL", "RCPT", "DATA", "AUTH", ... */
    char rcpt[256];         /* address of the pending RCPT TO */
    int code;               /* last final reply code */
    char reply[256];        /* last final reply line */
    /* The last refusal (4xx/5xx): libcurl may send RSET or QUIT after it. */
    char fail_verb[16];
    int fail_code;
    char fail_reply[256];
    char refusals[512];     /* "x@y: 550 5.1.1 ...; z@w: 450 ..." */
} transcript_t;

static size_t read_upload(char *buf, size_t size, size_t nitems, void *userp)
{
    upload_t *u = userp;
    size_t n = size * nitems;
    if (n > u->len - u->pos)
        n = u->len - u->pos;
    memcpy(buf, u->data + u->pos, n);
    u->pos += n;
    return n;
}

static void appendf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void appendf(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

static const char *borrowed_address(const ntf_email_t *mail, const char *address)
{
    for (size_t i = 0; i < mail->n_to; i++)
        if (strcmp(mail->to[i].address, address) == 0)
            return mail->to[i].address;
    return NULL;
}

static void on_command(transcript_t *t, const char *line, size_t len)
{
    size_t v = 0;
    while (v < len && v + 1 < sizeof t->verb && isalpha((unsigned char)line[v])) {
        t->verb[v] = (char)toupper((unsigned char)line[v]);
        v++;
    }
    t->verb[v] = '\0';
    t->rcpt[0] = '\0';
    const char *lt = memchr(line, '<', len), *gt = lt ? memchr(lt, '>', len - (size_t)(lt - line)) : NULL;
    if (strcmp(t->verb, "RCPT") == 0 && lt && gt && (size_t)(gt - lt) < sizeof t->rcpt)
        snprintf(t->rcpt, sizeof t->rcpt, "%.*s", (int)(gt - lt - 1), lt + 1);
}

static void on_reply(transcript_t *t, const char *line, size_t len)
{
    /* "250-..." continues a multi-line reply; "250 ..." or "250" ends it. */
    if (len < 3 || !isdigit((unsigned char)line[0]) || (len > 3 && line[3] == '-'))
        return;
    t->code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    snprintf(t->reply, sizeof t->reply, "%.*s", (int)len, line);
    if (t->code >= 400) {
        t->fail_code = t->code;
        memcpy(t->fail_verb, t->verb, sizeof t->verb);
        memcpy(t->fail_reply, t->reply, sizeof t->reply);
    }
    if (strcmp(t->verb, "RCPT") != 0 || !t->rcpt[0])
        return;
    ntf_smtp_result_t *r = t->result;
    if (t->code < 400) {
        r->n_accepted++;
    } else {
        if (r->n_refused < NTF_SMTP_MAX_REFUSED)
            r->refused[r->n_refused] = borrowed_address(t->mail, t->rcpt);
        r->n_refused++;
        appendf(t->refusals, sizeof t->refusals, "%s%s: %s", t->refusals[0] ? "; " : "",
                t->rcpt, t->reply);
    }
    t->rcpt[0] = '\0';
}

static int on_debug(CURL *handle, curl_infotype type, char *data, size_t size, void *userp)
{
    (void)handle;
    if (type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT)
        return 0;
    while (size > 0) {
        const char *eol = memchr(data, '\n', size);
        size_t line = eol ? (size_t)(eol - data) + 1 : size;
        size_t text = line;
        while (text > 0 && (data[text - 1] == '\n' || data[text - 1] == '\r'))
            text--;
        if (type == CURLINFO_HEADER_OUT)
            on_command(userp, data, text);
        else
            on_reply(userp, data, text);
        data += line;
        size -= line;
    }
    return 0;
}

static int on_progress(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return atomic_load((const atomic_bool *)userp) ? 1 : 0;
}

static CURLcode configure(CURL *h, const ntf_smtp_config_t *cfg, const ntf_email_t *mail,
                          struct curl_slist *rcpt, upload_t *up, transcript_t *t, char *errbuf,
                          char *from)
{
    CURLcode rc = CURLE_OK;
    long connect_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 10000;
    long total_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 60000;
    snprintf(from, 260, "<%s>", mail->from.address);
#define SET(opt, val) if (rc == CURLE_OK) rc = curl_easy_setopt(h, opt, val)
    SET(CURLOPT_URL, cfg->url);
    SET(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_ERRORBUFFER, errbuf);
    SET(CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
    SET(CURLOPT_TIMEOUT_MS, total_ms);
    SET(CURLOPT_MAIL_FROM, from);
    SET(CURLOPT_MAIL_RCPT, rcpt);
    /* One wrong address must not keep a deadline from the other parties. */
    SET(CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1L);
    SET(CURLOPT_UPLOAD, 1L);
    SET(CURLOPT_READFUNCTION, read_upload);
    SET(CURLOPT_READDATA, up);
    SET(CURLOPT_INFILESIZE_LARGE, (curl_off_t)up->len);
    SET(CURLOPT_VERBOSE, 1L);   /* feeds on_debug; nothing is printed */
    SET(CURLOPT_DEBUGFUNCTION, on_debug);
    SET(CURLOPT_DEBUGDATA, t);
    SET(CURLOPT_USE_SSL, cfg->tls == NTF_TLS_REQUIRED ? (long)CURLUSESSL_ALL
                       : cfg->tls == NTF_TLS_TRY ? (long)CURLUSESSL_TRY : (long)CURLUSESSL_NONE);
    if (cfg->username)
        SET(CURLOPT_USERNAME, cfg->username);
    if (cfg->password)
        SET(CURLOPT_PASSWORD, cfg->password);
    if (cfg->ca_file)
        SET(CURLOPT_CAINFO, cfg->ca_file);
    if (cfg->abort) {
        SET(CURLOPT_NOPROGRESS, 0L);
        SET(CURLOPT_XFERINFOFUNCTION, on_progress);
        SET(CURLOPT_XFERINFODATA, (void *)cfg->abort);
    }
#undef SET
    return rc;
}

static fc_status_t verdict(ntf_smtp_result_t *r, fc_status_t st, bool permanent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static fc_status_t verdict(ntf_smtp_result_t *r, fc_status_t st, bool permanent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, fmt, ap);
    va_end(ap);
    r->status = st;
    r->permanent = permanent;
    return st;
}

/* A refusal in the dialogue: 5xx is final, 4xx worth another try. */
static fc_status_t refused(ntf_smtp_result_t *r, const transcript_t *t, const char *url)
{
    bool perm = t->fail_code >= 500;
    fc_status_t st = perm ? FC_FAILED_PRECONDITION : FC_UNAVAILABLE;
    r->smtp_code = t->fail_code;
    if (strcmp(t->fail_verb, "RCPT") == 0)
        return verdict(r, st, perm, "SMTP server refused recipient %s", t->refusals);
    if (strcmp(t->fail_verb, "MAIL") == 0)
        return verdict(r, st, perm, "SMTP server refused sender %s: %s", t->mail->from.address,
                       t->fail_reply);
    if (strcmp(t->fail_verb, "DATA") == 0 || t->fail_verb[0] == '\0')
        return verdict(r, st, perm, "SMTP server refused the message: %s", t->fail_reply);
    return verdict(r, st, perm, "SMTP server %s answered %s with %s", url, t->fail_verb,
                   t->fail_reply);
}

static fc_status_t judge(CURL *h, CURLcode rc, const ntf_smtp_config_t *cfg, const transcript_t *t,
                         const char *errbuf, ntf_smtp_result_t *r)
{
    r->smtp_code = t->code;
    const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    double secs = 0;
    curl_easy_getinfo(h, CURLINFO_TOTAL_TIME, &secs);
    switch (rc) {
    case CURLE_OK:
        if (r->n_refused)
            return verdict(r, FC_OK, false, "delivered to %zu of %zu recipients; SMTP server refused "
                           "recipient %s", r->n_accepted, t->mail->n_to, t->refusals);
        return verdict(r, FC_OK, false, "delivered to %zu recipients: %s", r->n_accepted, t->reply);
    case CURLE_OPERATION_TIMEDOUT:
        return verdict(r, FC_DEADLINE_EXCEEDED, false, "SMTP server %s did not answer: timed out "
                       "after %.0f s", cfg->url, secs);
    case CURLE_ABORTED_BY_CALLBACK:
        return verdict(r, FC_CANCELLED, false, "the attempt with SMTP server %s was stopped: the "
                       "service is stopping", cfg->url);
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return verdict(r, FC_INVALID_ARGUMENT, true, "bad SMTP URL '%s': %s", cfg->url, detail);
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
        return verdict(r, FC_UNAVAILABLE, false, "cannot connect to SMTP server %s: %s", cfg->url, detail);
    case CURLE_LOGIN_DENIED:
        return verdict(r, FC_UNAUTHENTICATED, true, "SMTP server %s refused the login: %s", cfg->url,
                       t->reply[0] ? t->reply : detail);
    case CURLE_USE_SSL_FAILED:
        return verdict(r, FC_FAILED_PRECONDITION, true, "SMTP server %s does not offer STARTTLS, "
                       "which the configuration requires", cfg->url);
    case CURLE_PEER_FAILED_VERIFICATION:
        return verdict(r, FC_FAILED_PRECONDITION, true, "SMTP server %s: certificate not trusted: %s",
                       cfg->url, detail);
    case CURLE_SSL_CONNECT_ERROR:
        return verdict(r, FC_UNAVAILABLE, false, "TLS with SMTP server %s failed: %s", cfg->url, detail);
    default:
        if (t->fail_code >= 400)
            return refused(r, t, cfg->url);
        return verdict(r, FC_UNAVAILABLE, false, "SMTP session with %s failed: %s", cfg->url, detail);
    }
}

static fc_status_t perform(const ntf_smtp_config_t *cfg, const ntf_email_t *mail, const char *message,
                           size_t len, struct curl_slist *rcpt, ntf_smtp_result_t *r)
{
    CURL *h = curl_easy_init();
    if (!h)
        return verdict(r, FC_RESOURCE_EXHAUSTED, false, "cannot start libcurl");
    upload_t up = { message, len, 0 };
    transcript_t t = { .mail = mail, .result = r };
    char errbuf[CURL_ERROR_SIZE] = "", from[260];
    CURLcode rc = configure(h, cfg, mail, rcpt, &up, &t, errbuf, from);
    fc_status_t st;
    if (rc != CURLE_OK)
        st = verdict(r, FC_INVALID_ARGUMENT, true, "libcurl refused the SMTP settings: %s",
                     curl_easy_strerror(rc));
    else
        st = judge(h, curl_easy_perform(h), cfg, &t, errbuf, r);
    curl_easy_cleanup(h);
    return st;
}

fc_status_t ntf_smtp_send(const ntf_smtp_config_t *cfg, const ntf_email_t *mail, const char *message,
                          size_t len, ntf_smtp_result_t *result)
{
    memset(result, 0, sizeof *result);
    if (!cfg || !cfg->url || !mail || !message || mail->n_to == 0
        || !ntf_email_address_valid(mail->from.address))
        return verdict(result, FC_INVALID_ARGUMENT, true, "SMTP send needs a URL, a sender, "
                       "recipients and a message");
    struct curl_slist *rcpt = NULL;
    for (size_t i = 0; i < mail->n_to; i++) {
        char addr[260];
        if (!ntf_email_address_valid(mail->to[i].address)) {
            curl_slist_free_all(rcpt);
            return verdict(result, FC_INVALID_ARGUMENT, true, "recipient '%s' is not a valid "
                           "e-mail address", mail->to[i].address ? mail->to[i].address : "");
        }
        snprintf(addr, sizeof addr, "<%s>", mail->to[i].address);
        struct curl_slist *next = curl_slist_append(rcpt, addr);
        if (!next) {
            curl_slist_free_all(rcpt);
            return verdict(result, FC_RESOURCE_EXHAUSTED, false, "out of memory");
        }
        rcpt = next;
    }
    fc_status_t st = perform(cfg, mail, message, len, rcpt, result);
    curl_slist_free_all(rcpt);
    return st;
}
