#include "case_store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reminder.h"

struct ntf_case_store_t {
    int dir_fd;
};

ntf_case_store_t *ntf_case_store_open(const char *dir, char *err, size_t errlen)
{
    if (mkdir(dir, 0755) && errno != EEXIST) {
        snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
        return NULL;
    }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", dir, strerror(errno));
        return NULL;
    }
    ntf_case_store_t *self = malloc(sizeof *self);
    if (!self) {
        close(fd);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    self->dir_fd = fd;
    return self;
}

void ntf_case_store_close(ntf_case_store_t **self_p)
{
    if (!self_p || !*self_p)
        return;
    close((*self_p)->dir_fd);
    free(*self_p);
    *self_p = NULL;
}

bool ntf_case_store_has(ntf_case_store_t *self, const char *id)
{
    char name[NTF_ID_MAX + 16];
    snprintf(name, sizeof name, "%s.json", id);
    return faccessat(self->dir_fd, name, F_OK, 0) == 0;
}

bool ntf_case_store_same(ntf_case_store_t *self, const char *id, const uint8_t *pb, size_t len)
{
    char name[NTF_ID_MAX + 16];
    snprintf(name, sizeof name, "%s.pb", id);
    int fd = openat(self->dir_fd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool same = fstat(fd, &st) == 0 && (size_t)st.st_size == len;
    uint8_t buf[4096];
    for (size_t off = 0; same && off < len;) {
        ssize_t n = read(fd, buf, sizeof buf);
        same = n > 0 && off + (size_t)n <= len && memcmp(buf, pb + off, (size_t)n) == 0;
        off += n > 0 ? (size_t)n : 0;
    }
    close(fd);
    return same;
}

static fc_status_t io_error(const char *what, const char *name, char *err, size_t errlen)
{
    int e = errno;
    snprintf(err, errlen, "cannot %s %s: %s", what, name, strerror(e));
    return e == ENOSPC || e == EDQUOT ? FC_RESOURCE_EXHAUSTED : FC_INTERNAL;
}

static fc_status_t write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return FC_INTERNAL;
        p += n;
        len -= (size_t)n;
    }
    return FC_OK;
}

/* tmp, fsync, rename: the file appears complete or not at all. */
static fc_status_t put_file(ntf_case_store_t *self, const char *name, const void *data, size_t len,
                            char *err, size_t errlen)
{
    char tmp[NTF_ID_MAX + 24];
    snprintf(tmp, sizeof tmp, "%s.tmp", name);
    int fd = openat(self->dir_fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return io_error("create", tmp, err, errlen);
    if (write_all(fd, data, len) != FC_OK || fsync(fd) != 0) {
        fc_status_t st = io_error("write", tmp, err, errlen);
        close(fd);
        unlinkat(self->dir_fd, tmp, 0);
        return st;
    }
    if (close(fd) != 0)
        return io_error("close", tmp, err, errlen);
    if (renameat(self->dir_fd, tmp, self->dir_fd, name) != 0)
        return io_error("rename", tmp, err, errlen);
    return FC_OK;
}

fc_status_t ntf_case_store_put(ntf_case_store_t *self, const char *id, const uint8_t *pb, size_t len,
                               const char *json, char *err, size_t errlen)
{
    char pb_name[NTF_ID_MAX + 16], json_name[NTF_ID_MAX + 16];
    snprintf(pb_name, sizeof pb_name, "%s.pb", id);
    snprintf(json_name, sizeof json_name, "%s.json", id);
    fc_status_t st = put_file(self, pb_name, pb, len, err, errlen);
    if (st == FC_OK)
        st = put_file(self, json_name, json, strlen(json), err, errlen);
    /* The renames are durable only once the folder itself is synced. */
    if (st == FC_OK && fsync(self->dir_fd) != 0)
        st = io_error("sync the folder for", id, err, errlen);
    return st;
}
