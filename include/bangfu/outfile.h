/* outfile.h — the one way bangfu writes a file (exports, packages, keys,
 * backups): privately and all or nothing.
 *
 * bf_outfile_open makes a temporary file in the target's folder, named
 * BF_OUTFILE_PREFIX + random characters (O_CREAT|O_EXCL|O_NOFOLLOW, mode
 * 0600, an flock held while it is written), after refusing a target that is
 * a symbolic link, a folder, or (without BF_OUTFILE_FORCE) one that exists.
 * Write to it through bf_outfile_write, the stdio stream, the descriptor, or
 * (for a library that opens a file by name: libxlsxwriter, SQLite's backup)
 * its temporary path. bf_outfile_commit checks every write, flushes, fsyncs,
 * closes and renames the temporary over the target (refusing an existing
 * target again without FORCE: the rename itself will not replace one), then
 * fsyncs the folder. Any failure (a full disk, a removed stick) removes the
 * temporary and reports the target's name; the target is then as it was.
 *
 *	bf_outfile *o = bf_outfile_open("form.pdf", force ? BF_OUTFILE_FORCE : 0, &err);
 *	if (!o) return -1;                            // err: "form.pdf already exists ..."
 *	if (write_the_pdf(bf_outfile_stream(o)) != 0) {
 *		bf_outfile_abort(o);                  // the temporary is gone
 *		return -1;
 *	}
 *	return bf_outfile_commit(o, &err);            // frees o either way
 *
 * A process killed while writing leaves its temporary behind: bf_outfile_sweep
 * removes ours from a folder (only those no live writer holds locked). The
 * store records each folder written to (bf_store_outdir_note) so that
 * `bangfu check` and the next start can sweep them.
 *
 * This module does plain file I/O only (no SQL, no curses); every layer may
 * use it. No global state: each handle is its own. */
#ifndef BANGFU_OUTFILE_H
#define BANGFU_OUTFILE_H

#include <stdio.h>

#include "bangfu/common.h"

/* Every temporary file of ours starts with this, so leftovers can be found. */
#define BF_OUTFILE_PREFIX ".bangfu-tmp-"

typedef struct bf_outfile bf_outfile;

enum bf_outfile_flags {
	BF_OUTFILE_FORCE = 1 << 0, /* replace an existing regular file (the user said so) */
};

/* Start writing target. NULL with err naming target when it is a symbolic
 * link, a folder or another non-regular file, exists without FORCE, or the
 * temporary cannot be made (a missing or read-only folder). */
bf_outfile *bf_outfile_open(const char *target, unsigned flags, bf_error *err);

/* Write len bytes (retrying short writes and EINTR). -1 on an error, which is
 * also remembered: commit then fails, naming the target and the reason. */
int bf_outfile_write(bf_outfile *o, const void *buf, size_t len);
/* A stdio stream over the temporary (made on first call; NULL when out of
 * memory, remembered as an error). Its errors and its final flush are checked
 * by commit. Do not fclose it. */
FILE *bf_outfile_stream(bf_outfile *o);
/* The temporary's descriptor, for writers that take one. */
int bf_outfile_fd(const bf_outfile *o);
/* The temporary's path, for a library that opens the file by name (it then
 * truncates and rewrites this same file, keeping mode 0600 and our lock). */
const char *bf_outfile_tmp_path(const bf_outfile *o);
/* The target as given to open. */
const char *bf_outfile_target(const bf_outfile *o);
/* Mark the file as failed with a reason (e.g. a library's status): commit
 * will refuse and report "cannot write TARGET: reason". */
void bf_outfile_fail(bf_outfile *o, const char *reason);

/* Everything written so far on the disk: the stream flushed, the
 * descriptor fsynced, and a write that failed on the way reported (cairo
 * does not always report its stream's errors). For a file that must be
 * known whole before the database commits what it records (an export, a
 * reveal); bf_outfile_commit then puts it in place. 0, or -1 with err
 * "cannot write TARGET: reason" (the file is marked failed). */
int bf_outfile_flush(bf_outfile *o, bf_error *err);

/* Finish: flush, fsync, close, rename over the target, fsync the folder.
 * 0 on success; -1 with err "cannot write TARGET: reason" and the temporary
 * removed. Frees o in both cases. */
int bf_outfile_commit(bf_outfile *o, bf_error *err);
/* Give up: close and remove the temporary, free o. NULL is fine. */
void bf_outfile_abort(bf_outfile *o);
/* The end of a write whose result is rc: commit when rc is 0 (and o is not
 * NULL), else abort (err keeps the writer's message). 0 / -1. */
int bf_outfile_finish(bf_outfile *o, int rc, bf_error *err);

/* The whole file at once: open, write, commit. */
int bf_outfile_write_file(const char *target, unsigned flags, const void *buf, size_t len,
                          bf_error *err);

/* The folder that target is (or will be) in, as an absolute path when it can
 * be resolved (the folder itself must exist), else as given: into out of size
 * n. false when it does not fit. */
bool bf_outfile_dir_of(const char *target, char *out, size_t n);

/* Remove leftover temporaries of ours (BF_OUTFILE_PREFIX, regular files,
 * owned by this user) from folder dir: those no live writer holds. *removed
 * (may be NULL) gets how many were removed. A missing folder (the stick is
 * not in) is not an error: 0 with nothing removed. */
int bf_outfile_sweep(const char *dir, int *removed, bf_error *err);

/* The one folder every screen's export dialog offers first: the setting
 * BANGFU_SAVE_DIR (the environment, like BANGFU_DB) when it names a folder,
 * else the user's documents folder (XDG_DOCUMENTS_DIR, from the environment
 * or ~/.config/user-dirs.dirs, else ~/文档 or ~/Documents when there), else
 * the home folder, else the current one. Into out of size n. */
void bf_save_dir(char *out, size_t n);
/* bf_save_dir + "/" + name, name made safe (bf_filename_part). */
void bf_save_path(const char *name, char *out, size_t n);
/* A path typed by the user: trimmed, a leading "~" or "~/" made the home
 * folder. false when nothing is left. */
bool bf_path_expand(char *path, size_t n);

#endif
