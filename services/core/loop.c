/* The server's loop: requests, readers and timers in one thread.
 *
 * CZMQ's zloop would do, but every zmq_poll costs two to four poll(2) calls
 * (a first pass, the wait, and a ZMQ_EVENTS check per socket that polls the
 * socket's mailbox), and on a virtual machine a syscall costs more than the
 * request's own work. So the loop has two shapes: with no readers (the
 * registry) it blocks in the ROUTER's receive with the time to the next
 * timer as its timeout, one poll(2) per wake, as a plain ZeroMQ server
 * does; with readers (a follower) it uses zmq_poll over all sockets.
 * Timers keep zloop's meaning: a delay, a count (0: for ever), a handler
 * that returns -1 to stop the server. */
#include <stdlib.h>

#include "fcavtal/log.h"
#include "runtime.h"

typedef struct {
    zsock_t *sock;
    fc_reader_fn fn;
    void *arg;
} reader_t;

typedef struct {
    int id;
    size_t delay_ms, times, fired;
    int64_t due;
    fc_timer_fn fn;
    void *arg;
    bool cancelled;
} timer_t_;

int fc_server_add_reader(fc_server_t *self, zsock_t *sock, fc_reader_fn fn, void *arg)
{
    reader_t *r = malloc(sizeof *r);
    if (!r)
        return -1;
    *r = (reader_t){ sock, fn, arg };
    if (zlist_append(self->readers, r)) {
        free(r);
        return -1;
    }
    return 0;
}

void fc_server_remove_reader(fc_server_t *self, zsock_t *sock)
{
    for (reader_t *r = zlist_first(self->readers); r; r = zlist_next(self->readers))
        if (r->sock == sock) {
            zlist_remove(self->readers, r);
            free(r);
            return;
        }
}

int fc_server_add_timer(fc_server_t *self, size_t delay_ms, size_t times, fc_timer_fn fn,
                        void *arg)
{
    timer_t_ *t = malloc(sizeof *t);
    if (!t)
        return -1;
    *t = (timer_t_){ .id = ++self->last_timer, .delay_ms = delay_ms, .times = times,
                     .due = zclock_mono() + (int64_t)delay_ms, .fn = fn, .arg = arg };
    if (zlist_append(self->timers, t)) {
        free(t);
        return -1;
    }
    return t->id;
}

void fc_server_cancel_timer(fc_server_t *self, int timer_id)
{
    /* Marked, not freed: the timer may be the one firing right now. */
    for (timer_t_ *t = zlist_first(self->timers); t; t = zlist_next(self->timers))
        if (t->id == timer_id)
            t->cancelled = true;
}

static void sweep_timers(fc_server_t *self)
{
    timer_t_ *t = zlist_first(self->timers);
    while (t) {
        timer_t_ *next = zlist_next(self->timers);
        if (t->cancelled) {
            zlist_remove(self->timers, t);
            free(t);
        }
        t = next;
    }
}

/* Fires what is due; returns -1 when a handler asked to stop. */
static int run_timers(fc_server_t *self, int64_t now)
{
    int rc = 0;
    for (timer_t_ *t = zlist_first(self->timers); t && rc == 0; t = zlist_next(self->timers)) {
        if (t->cancelled || t->due > now)
            continue;
        t->fired++;
        t->due = now + (int64_t)t->delay_ms;
        if (t->times && t->fired >= t->times)
            t->cancelled = true;
        rc = t->fn(self, t->arg);
    }
    sweep_timers(self);
    return rc;
}

/* Milliseconds until the next timer is due (-1: none). */
static int next_wait(fc_server_t *self, int64_t now)
{
    int64_t wait = -1;
    for (timer_t_ *t = zlist_first(self->timers); t; t = zlist_next(self->timers)) {
        int64_t left = t->due > now ? t->due - now : 0;
        if (!t->cancelled && (wait < 0 || left < wait))
            wait = left;
    }
    return wait > 60000 ? 60000 : (int)wait;
}

static int poll_all(fc_server_t *self, int wait)
{
    size_t n = 1 + zlist_size(self->readers);
    zmq_pollitem_t *items = calloc(n, sizeof *items);
    reader_t **readers = calloc(n, sizeof *readers);
    if (!items || !readers) {
        free(items);
        free(readers);
        fc_error("%s: out of memory in the loop", self->def->name);
        zclock_sleep(10);
        return 0;
    }
    items[0] = (zmq_pollitem_t){ .socket = self->router_handle, .events = ZMQ_POLLIN };
    size_t i = 1;
    for (reader_t *r = zlist_first(self->readers); r; r = zlist_next(self->readers), i++) {
        readers[i] = r;
        items[i] = (zmq_pollitem_t){ .socket = zsock_resolve(r->sock), .events = ZMQ_POLLIN };
    }
    int rc = zmq_poll(items, (int)n, wait);
    if (rc > 0 && (items[0].revents & ZMQ_POLLIN))
        rc = fc__serve_batch(self, 0);
    /* A reader may remove readers (its own follower): look each up again. */
    for (i = 1; rc >= 0 && i < n; i++)
        if ((items[i].revents & ZMQ_POLLIN) && zlist_exists(self->readers, readers[i]))
            rc = readers[i]->fn(self, readers[i]->sock, readers[i]->arg);
    free(items);
    free(readers);
    return rc < 0 && !zsys_interrupted ? -1 : 0;
}

int fc__loop(fc_server_t *self)
{
    while (!zsys_interrupted) {
        int64_t now = zclock_mono();
        if (run_timers(self, now))
            return -1;
        int wait = next_wait(self, zclock_mono());
        int rc = zlist_size(self->readers) == 0 ? fc__serve_batch(self, wait)
                                                : poll_all(self, wait);
        if (rc < 0)
            return -1;
    }
    return 0;
}

void fc__loop_free(fc_server_t *self)
{
    void *item;
    while (self->readers && (item = zlist_pop(self->readers)))
        free(item);
    while (self->timers && (item = zlist_pop(self->timers)))
        free(item);
    zlist_destroy(&self->readers);
    zlist_destroy(&self->timers);
}
