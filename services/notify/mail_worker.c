#include "mail_worker.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "notify.h"

struct ntf_mail_worker_t {
    const ntf_channels_t *ch;
    ntf_job_t *jobs;
    size_t n;
    pthread_t thread;
    atomic_bool stop, done;
    _Atomic int64_t finished_ms;
};

static void *run(void *arg)
{
    ntf_mail_worker_t *self = arg;
    for (size_t i = 0; i < self->n && !atomic_load(&self->stop); i++)
        ntf_mail_send(self->ch, &self->jobs[i], &self->stop);
    atomic_store(&self->finished_ms, ntf_now_ms());
    atomic_store(&self->done, true);
    return NULL;
}

ntf_mail_worker_t *ntf_mail_worker_start(const ntf_channels_t *ch, ntf_job_t *jobs, size_t n)
{
    ntf_mail_worker_t *self = calloc(1, sizeof *self);
    if (!self)
        return NULL;
    self->ch = ch;
    self->jobs = jobs;
    self->n = n;
    atomic_init(&self->stop, false);
    atomic_init(&self->done, false);
    atomic_init(&self->finished_ms, 0);
    if (pthread_create(&self->thread, NULL, run, self) != 0) {
        free(self);
        return NULL;
    }
    return self;
}

bool ntf_mail_worker_done(const ntf_mail_worker_t *self)
{
    return atomic_load(&self->done);
}

ntf_job_t *ntf_mail_worker_jobs(ntf_mail_worker_t *self, size_t *n, int64_t *finished_ms)
{
    *n = self->n;
    *finished_ms = atomic_load(&self->finished_ms);
    return self->jobs;
}

void ntf_mail_worker_destroy(ntf_mail_worker_t **self_p)
{
    ntf_mail_worker_t *self = *self_p;
    if (!self)
        return;
    atomic_store(&self->stop, true);
    pthread_join(self->thread, NULL);
    ntf_jobs_free(self->jobs, self->n);
    free(self);
    *self_p = NULL;
}
