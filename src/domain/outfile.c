/* outfile.c — every file bangfu writes: a private temporary in the target's
 * folder, checked at each step, renamed into place (see outfile.h). */
#define _GNU_SOURCE /* renameat2, RENAME_NOREPLACE */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/code.h"
#include "bangfu/outfile.h"

struct bf_outfile {
	char *target;
	char *tmp;
	int fd;
	FILE *stream;
	unsigned flags;
	char why[256]; /* the first failure, "" while all is well */
};

static void note_errno(bf_outfile *o, int e)
{
	if (!o->why[0])
		bf_strlcpy(o->why, strerror(e), sizeof o->why);
}

void bf_outfile_fail(bf_outfile *o, const char *reason)
{
	if (o && !o->why[0])
		bf_strlcpy(o->why, reason && *reason ? reason : _("write failed"), sizeof o->why);
}

/* Refuse what we must not write over; 0 when target may be written. */
static int check_target(const char *target, unsigned flags, bf_error *err)
{
	struct stat st;
	if (lstat(target, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		bf_error_set(err, _("cannot write %s: %s"), target, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		bf_error_set(err, _("%s is a symbolic link; bangfu does not write through links"),
		             target);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		bf_error_set(err, _("%s is a folder; give the file's name"), target);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		bf_error_set(err, _("%s is not a regular file; bangfu will not write to it"),
		             target);
		return -1;
	}
	if (!(flags & BF_OUTFILE_FORCE)) {
		bf_error_set(err,
		             _("%s already exists; choose another name or use --force to "
		               "overwrite it"),
		             target);
		return -1;
	}
	return 0;
}

/* Random file-name characters: letters and digits. */
static void random_name(char *out, size_t n)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char r[32];
	if (n > sizeof r)
		n = sizeof r;
	size_t got = 0;
	while (got < n) {
		ssize_t k = getrandom(r + got, n - got, 0);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)k;
	}
	for (size_t i = got; i < n; i++) /* getrandom is not expected to fail */
		r[i] = (unsigned char)(rand() ^ (int)getpid() ^ (int)i);
	for (size_t i = 0; i < n; i++)
		out[i] = set[r[i] % (sizeof set - 1)];
}

bf_outfile *bf_outfile_open(const char *target, unsigned flags, bf_error *err)
{
	if (!target || !target[0]) {
		bf_error_set(err, "%s", _("no file name given"));
		return NULL;
	}
	if (check_target(target, flags, err) != 0)
		return NULL;
	bf_outfile *o = calloc(1, sizeof *o);
	char *copy = strdup(target);
	if (o)
		o->target = strdup(target);
	if (!o || !copy || !o->target) {
		free(copy);
		if (o)
			free(o->target);
		free(o);
		bf_error_set(err, _("cannot write %s: %s"), target, strerror(ENOMEM));
		return NULL;
	}
	o->fd = -1;
	o->flags = flags;
	const char *dir = dirname(copy);
	enum { RAND = 12 };
	size_t cap = strlen(dir) + 1 + sizeof BF_OUTFILE_PREFIX + RAND + 1;
	o->tmp = malloc(cap);
	if (!o->tmp) {
		free(copy);
		bf_outfile_abort(o);
		bf_error_set(err, _("cannot write %s: %s"), target, strerror(ENOMEM));
		return NULL;
	}
	int e = 0;
	for (int tries = 0; tries < 100; tries++) {
		char name[RAND + 1];
		random_name(name, RAND);
		name[RAND] = '\0';
		snprintf(o->tmp, cap, "%s/%s%s", dir, BF_OUTFILE_PREFIX, name);
		o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (o->fd >= 0 || errno != EEXIST)
			break;
	}
	e = errno;
	free(copy);
	if (o->fd < 0) {
		free(o->tmp);
		o->tmp = NULL; /* nothing of ours to remove */
		bf_error_set(err, _("cannot write %s: %s"), target, strerror(e));
		bf_outfile_abort(o);
		return NULL;
	}
	/* Held until the file is closed: tells bf_outfile_sweep it is in use. */
	if (flock(o->fd, LOCK_EX | LOCK_NB) != 0 || fchmod(o->fd, 0600) != 0) {
		e = errno;
		bf_error_set(err, _("cannot write %s: %s"), target, strerror(e));
		bf_outfile_abort(o);
		return NULL;
	}
	return o;
}

int bf_outfile_write(bf_outfile *o, const void *buf, size_t len)
{
	if (o->why[0])
		return -1;
	if (o->stream && fflush(o->stream) != 0) {
		note_errno(o, errno);
		return -1;
	}
	const char *p = buf;
	while (len > 0) {
		ssize_t w = write(o->fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			note_errno(o, errno);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

FILE *bf_outfile_stream(bf_outfile *o)
{
	if (!o->stream) {
		o->stream = fdopen(o->fd, "wb");
		if (!o->stream)
			note_errno(o, errno);
	}
	return o->stream;
}

int bf_outfile_fd(const bf_outfile *o)
{
	return o->fd;
}

const char *bf_outfile_tmp_path(const bf_outfile *o)
{
	return o->tmp;
}

const char *bf_outfile_target(const bf_outfile *o)
{
	return o->target;
}

/* Close the descriptor (through the stream when there is one). */
static int close_file(bf_outfile *o)
{
	int rc = 0;
	if (o->stream) {
		rc = fclose(o->stream);
		o->stream = NULL;
		o->fd = -1;
	} else if (o->fd >= 0) {
		rc = close(o->fd);
		o->fd = -1;
	}
	return rc;
}

static void free_handle(bf_outfile *o)
{
	free(o->target);
	free(o->tmp);
	free(o);
}

void bf_outfile_abort(bf_outfile *o)
{
	if (!o)
		return;
	close_file(o);
	if (o->tmp)
		unlink(o->tmp);
	free_handle(o);
}

/* fsync the folder so the rename survives a power cut (best effort: some
 * file systems cannot sync a folder). */
static void sync_dir_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return;
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(copy);
}

/* Put the temporary in place: without FORCE never replacing a file that
 * appeared meanwhile (RENAME_NOREPLACE where the file system has it). */
static int put_in_place(bf_outfile *o, bf_error *err)
{
	if (check_target(o->target, o->flags, err) != 0)
		return -1;
	if (!(o->flags & BF_OUTFILE_FORCE)) {
		if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_NOREPLACE) == 0)
			return 0;
		if (errno == EEXIST) {
			check_target(o->target, o->flags, err);
			return -1;
		}
		if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
			bf_error_set(err, _("cannot write %s: %s"), o->target, strerror(errno));
			return -1;
		}
		/* no RENAME_NOREPLACE here: the check above has to do */
	}
	if (rename(o->tmp, o->target) != 0) {
		bf_error_set(err, _("cannot write %s: %s"), o->target, strerror(errno));
		return -1;
	}
	return 0;
}

int bf_outfile_commit(bf_outfile *o, bf_error *err)
{
	if (!o) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	if (o->stream && !o->why[0]) {
		if (fflush(o->stream) != 0)
			note_errno(o, errno);
		else if (ferror(o->stream))
			note_errno(o, EIO);
	}
	if (!o->why[0] && fsync(o->fd) != 0)
		note_errno(o, errno);
	if (close_file(o) != 0 && !o->why[0])
		note_errno(o, errno);
	if (o->why[0]) {
		bf_error_set(err, _("cannot write %s: %s"), o->target, o->why);
		bf_outfile_abort(o);
		return -1;
	}
	if (put_in_place(o, err) != 0) {
		bf_outfile_abort(o);
		return -1;
	}
	sync_dir_of(o->target);
	free_handle(o);
	return 0;
}

int bf_outfile_flush(bf_outfile *o, bf_error *err)
{
	if (!o->why[0] && o->stream && fflush(o->stream) != 0)
		note_errno(o, errno);
	if (!o->why[0] && fsync(o->fd) != 0)
		note_errno(o, errno);
	if (o->why[0]) {
		bf_error_set(err, _("cannot write %s: %s"), o->target, o->why);
		return -1;
	}
	return 0;
}

int bf_outfile_finish(bf_outfile *o, int rc, bf_error *err)
{
	if (!o)
		return -1;
	if (rc != 0) {
		bf_outfile_abort(o);
		return -1;
	}
	return bf_outfile_commit(o, err);
}

int bf_outfile_write_file(const char *target, unsigned flags, const void *buf, size_t len,
                          bf_error *err)
{
	bf_outfile *o = bf_outfile_open(target, flags, err);
	if (!o)
		return -1;
	bf_outfile_write(o, buf, len);
	return bf_outfile_commit(o, err);
}

bool bf_outfile_dir_of(const char *target, char *out, size_t n)
{
	char *copy = strdup(target);
	if (!copy)
		return false;
	char *real = realpath(dirname(copy), NULL);
	bool ok = bf_strlcpy(out, real ? real : dirname(copy), n);
	free(real);
	free(copy);
	return ok;
}

int bf_outfile_sweep(const char *dir, int *removed, bf_error *err)
{
	if (removed)
		*removed = 0;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		bf_error_set(err, _("cannot look into %s: %s"), dir, strerror(errno));
		return -1;
	}
	DIR *d = fdopendir(dfd);
	if (!d) {
		bf_error_set(err, _("cannot look into %s: %s"), dir, strerror(errno));
		close(dfd);
		return -1;
	}
	int rc = 0;
	struct dirent *de;
	const size_t plen = strlen(BF_OUTFILE_PREFIX);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, BF_OUTFILE_PREFIX, plen) != 0)
			continue;
		int fd = openat(dfd, de->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue; /* a link, or gone meanwhile: not ours to touch */
		struct stat st;
		/* A writer holds its lock until it renames: an unlocked one is left over. */
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (unlinkat(dfd, de->d_name, 0) == 0) {
				if (removed)
					(*removed)++;
			} else if (errno != ENOENT && rc == 0) {
				bf_error_set(err, _("cannot remove %s/%s: %s"), dir, de->d_name,
				             strerror(errno));
				rc = -1;
			}
		}
		close(fd);
	}
	closedir(d);
	return rc;
}

/* ---- the default save folder ------------------------------------------------------------ */

static bool is_dir(const char *path)
{
	struct stat st;
	return path && path[0] && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* XDG_DOCUMENTS_DIR="$HOME/文档" from ~/.config/user-dirs.dirs (or
 * $XDG_CONFIG_HOME's), "$HOME" expanded; false when it is not there. */
static bool xdg_documents(const char *home, char *out, size_t n)
{
	const char *env = getenv("XDG_DOCUMENTS_DIR");
	if (env && env[0]) {
		bf_strlcpy(out, env, n);
		return true;
	}
	char conf[4096];
	const char *xch = getenv("XDG_CONFIG_HOME");
	if (xch && xch[0] == '/')
		snprintf(conf, sizeof conf, "%s/user-dirs.dirs", xch);
	else
		snprintf(conf, sizeof conf, "%s/.config/user-dirs.dirs", home);
	FILE *f = fopen(conf, "r");
	if (!f)
		return false;
	char line[4096];
	bool found = false;
	static const char key[] = "XDG_DOCUMENTS_DIR=\"";
	while (!found && fgets(line, sizeof line, f)) {
		if (strncmp(line, key, sizeof key - 1) != 0)
			continue;
		char *v = line + sizeof key - 1, *q = strchr(v, '"');
		if (!q)
			continue;
		*q = '\0';
		if (!strncmp(v, "$HOME/", 6))
			snprintf(out, n, "%s/%s", home, v + 6);
		else if (v[0] == '/')
			bf_strlcpy(out, v, n);
		else
			continue;
		found = true;
	}
	fclose(f);
	return found;
}

void bf_save_dir(char *out, size_t n)
{
	const char *set = getenv("BANGFU_SAVE_DIR");
	if (set && set[0]) {
		bf_strlcpy(out, set, n);
		if (bf_path_expand(out, n) && is_dir(out))
			return;
	}
	const char *home = getenv("HOME");
	if (home && home[0]) {
		if (xdg_documents(home, out, n) && is_dir(out))
			return;
		static const char *const names[] = {"文档", "Documents"};
		for (size_t i = 0; i < BF_ARRAY_LEN(names); i++) {
			snprintf(out, n, "%s/%s", home, names[i]);
			if (is_dir(out))
				return;
		}
		if (is_dir(home)) {
			bf_strlcpy(out, home, n);
			return;
		}
	}
	if (!getcwd(out, n))
		bf_strlcpy(out, ".", n);
}

void bf_save_path(const char *name, char *out, size_t n)
{
	char safe[256], dir[4096];
	bf_filename_part(name, safe, sizeof safe);
	bf_save_dir(dir, sizeof dir);
	snprintf(out, n, "%s/%s", strcmp(dir, "/") ? dir : "", safe);
}

bool bf_path_expand(char *path, size_t n)
{
	bf_trim(path);
	if (!path[0])
		return false;
	const char *home = getenv("HOME");
	if (path[0] == '~' && (path[1] == '/' || !path[1]) && home && home[0]) {
		char *full = malloc(strlen(home) + strlen(path) + 1);
		if (full) {
			sprintf(full, "%s%s", home, path + 1);
			bf_strlcpy(path, full, n);
			free(full);
		}
	}
	return true;
}
