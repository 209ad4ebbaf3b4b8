/* The template folder: every template and include is read from beneath it.
 *
 * Names are checked as text first (no absolute names, no ".." parts) so the
 * message can say why; the file is then opened with openat2(RESOLVE_BENEATH),
 * which lets the kernel refuse any symbolic link leading out of the folder
 * at the moment of opening. Kernels before 5.6 lack openat2: there each
 * part is opened with O_NOFOLLOW, so no symbolic link is followed at all. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "error.h"
#include "template.h"

#define NAME_MAX_LEN 255

struct rnd_folder {
    int fd;
    char *path;
};

fc_status_t rnd_folder_open(const char *path, rnd_folder_t **out, rnd_error_t *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return rnd__fail(err, FC_NOT_FOUND, "template folder '%s': %s", path, strerror(errno));
    rnd_folder_t *f = calloc(1, sizeof *f);
    char *copy = strdup(path);
    if (!f || !copy) {
        free(f);
        free(copy);
        close(fd);
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    }
    f->fd = fd;
    f->path = copy;
    *out = f;
    return FC_OK;
}

void rnd_folder_destroy(rnd_folder_t **folder_p)
{
    if (!folder_p || !*folder_p)
        return;
    close((*folder_p)->fd);
    free((*folder_p)->path);
    free(*folder_p);
    *folder_p = NULL;
}

/* Why a name may not be used, or NULL when it may. */
static const char *name_refusal(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return "empty name";
    if (n > NAME_MAX_LEN)
        return "name too long";
    if (name[0] == '/')
        return "absolute names are refused";
    const char *p = name;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t part = slash ? (size_t)(slash - p) : strlen(p);
        if (part == 0)
            return "empty path part";
        if (part == 2 && p[0] == '.' && p[1] == '.')
            return "'..' leads outside the template folder";
        p = slash ? slash + 1 : p + part;
    }
    return NULL;
}

/* Opens each part below dirfd without following any symbolic link. */
static int open_nofollow(int dirfd, const char *name)
{
    char *copy = strdup(name);
    if (!copy) {
        errno = ENOMEM;
        return -1;
    }
    int fd = dup(dirfd);
    char *part = copy;
    while (fd >= 0) {
        char *slash = strchr(part, '/');
        if (slash)
            *slash = '\0';
        int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (slash ? O_DIRECTORY : 0);
        int next = openat(fd, part, flags);
        int saved = errno;
        close(fd);
        errno = saved;
        fd = next;
        if (!slash)
            break;
        part = slash + 1;
    }
    free(copy);
    return fd;
}

static int open_beneath(int dirfd, const char *name)
{
#ifdef SYS_openat2
    struct open_how how = {
        .flags = O_RDONLY | O_CLOEXEC,
        .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
    };
    long fd = syscall(SYS_openat2, dirfd, name, &how, sizeof how);
    if (fd >= 0 || errno != ENOSYS)
        return (int)fd;
#endif
    return open_nofollow(dirfd, name);
}

static fc_status_t read_all(int fd, const char *name, size_t max_bytes, char **text,
                            size_t *len, rnd_error_t *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return rnd__fail(err, FC_INVALID_ARGUMENT, "template '%s' is not a regular file", name);
    if ((uint64_t)st.st_size > max_bytes)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED,
                         "template '%s' is larger than %zu bytes", name, max_bytes);
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size + 1);
    if (!buf)
        return rnd__fail(err, FC_RESOURCE_EXHAUSTED, "out of memory");
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            free(buf);
            return rnd__fail(err, FC_INTERNAL, "template '%s': read failed", name);
        }
        got += (size_t)n;
    }
    buf[got] = '\0';
    *text = buf;
    *len = got;
    return FC_OK;
}

fc_status_t rnd__folder_read(const rnd_folder_t *folder, const char *name,
                             size_t max_bytes, char **text, size_t *len,
                             rnd_error_t *err)
{
    *text = NULL;
    *len = 0;
    const char *why = name_refusal(name);
    if (why)
        return rnd__fail(err, FC_PERMISSION_DENIED, "template '%s' refused: %s", name, why);
    int fd = open_beneath(folder->fd, name);
    if (fd < 0) {
        if (errno == EXDEV || errno == ELOOP)
            return rnd__fail(err, FC_PERMISSION_DENIED,
                             "template '%s' refused: it resolves outside the template folder",
                             name);
        if (errno == ENOENT)
            return rnd__fail(err, FC_NOT_FOUND, "template '%s' not found in '%s'", name,
                             folder->path);
        return rnd__fail(err, FC_NOT_FOUND, "template '%s': %s", name, strerror(errno));
    }
    fc_status_t st = read_all(fd, name, max_bytes, text, len, err);
    close(fd);
    return st;
}
