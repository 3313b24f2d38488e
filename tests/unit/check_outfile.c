/* check_outfile.c — the one way bangfu writes a file: private, refusing links
 * and (without force) existing files, all or nothing, leftovers swept. */
#define _GNU_SOURCE
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bangfu/outfile.h"
#include "testutil.h"

static char dir[256];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/bf-outfile-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *in_dir(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

/* Files in dir whose name starts with prefix. */
static int count_prefixed(const char *prefix)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (!strncmp(de->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

static int mode_of(const char *path)
{
	struct stat st;
	ck_assert_int_eq(lstat(path, &st), 0);
	return (int)(st.st_mode & 07777);
}

START_TEST(test_new_file_private_no_leftover)
{
	bf_error err = {0};
	umask(022); /* even under a lax umask the file is 0600 */
	ck_assert_msg(bf_outfile_write_file(in_dir("a.txt"), 0, "hello\0world", 11, &err) == 0,
	              "%s", err.msg);
	struct stat st;
	ck_assert_int_eq(stat(in_dir("a.txt"), &st), 0);
	ck_assert_int_eq(st.st_size, 11);
	ck_assert_int_eq(mode_of(in_dir("a.txt")), 0600);
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
}
END_TEST

START_TEST(test_temporary_beside_target)
{
	bf_error err = {0};
	bf_outfile *o = bf_outfile_open(in_dir("b.pdf"), 0, &err);
	ck_assert_msg(o != NULL, "%s", err.msg);
	const char *tmp = bf_outfile_tmp_path(o);
	ck_assert_msg(!strncmp(tmp, in_dir(BF_OUTFILE_PREFIX), strlen(in_dir(BF_OUTFILE_PREFIX))),
	              "%s", tmp);
	ck_assert_int_eq(mode_of(tmp), 0600);
	ck_assert_str_eq(bf_outfile_target(o), in_dir("b.pdf"));
	/* two writers never share a name */
	bf_outfile *o2 = bf_outfile_open(in_dir("b.pdf"), 0, &err);
	ck_assert_ptr_nonnull(o2);
	ck_assert_str_ne(bf_outfile_tmp_path(o2), tmp);
	ck_assert_int_eq(access(in_dir("b.pdf"), F_OK), -1); /* nothing at the target yet */
	fputs("via stdio", bf_outfile_stream(o));
	ck_assert_int_eq(bf_outfile_commit(o, &err), 0);
	ck_assert_str_eq(slurp(in_dir("b.pdf")), "via stdio");
	/* the second one now finds the target there and, without force, refuses it */
	ck_assert_int_eq(bf_outfile_write(o2, "other", 5), 0);
	ck_assert_int_eq(bf_outfile_commit(o2, &err), -1);
	ck_assert_msg(strstr(err.msg, in_dir("b.pdf")) && strstr(err.msg, "--force"), "%s",
	              err.msg);
	ck_assert_str_eq(slurp(in_dir("b.pdf")), "via stdio");
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
}
END_TEST

START_TEST(test_existing_needs_force)
{
	bf_error err = {0};
	ck_assert_int_eq(bf_outfile_write_file(in_dir("c.txt"), 0, "old", 3, &err), 0);
	chmod(in_dir("c.txt"), 0644);
	ck_assert_int_eq(bf_outfile_write_file(in_dir("c.txt"), 0, "new", 3, &err), -1);
	ck_assert_msg(strstr(err.msg, in_dir("c.txt")) && strstr(err.msg, "already exists"), "%s",
	              err.msg);
	ck_assert_str_eq(slurp(in_dir("c.txt")), "old");
	ck_assert_int_eq(bf_outfile_write_file(in_dir("c.txt"), BF_OUTFILE_FORCE, "new", 3, &err),
	                 0);
	ck_assert_str_eq(slurp(in_dir("c.txt")), "new");
	ck_assert_int_eq(mode_of(in_dir("c.txt")), 0600); /* replaced, not rewritten in place */
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
}
END_TEST

START_TEST(test_symlink_refused)
{
	bf_error err = {0};
	ck_assert_int_eq(bf_outfile_write_file(in_dir("victim"), 0, "precious", 8, &err), 0);
	ck_assert_int_eq(symlink(in_dir("victim"), in_dir("link.pdf")), 0);
	ck_assert_int_eq(symlink(in_dir("nowhere"), in_dir("dangling.pdf")), 0);
	ck_assert_ptr_null(bf_outfile_open(in_dir("link.pdf"), BF_OUTFILE_FORCE, &err));
	ck_assert_msg(strstr(err.msg, "link.pdf") && strstr(err.msg, "symbolic link"), "%s",
	              err.msg);
	ck_assert_ptr_null(bf_outfile_open(in_dir("dangling.pdf"), 0, &err));
	ck_assert_int_eq(access(in_dir("nowhere"), F_OK), -1);
	ck_assert_str_eq(slurp(in_dir("victim")), "precious");
	/* a link planted while the file was being written is refused too */
	bf_outfile *o = bf_outfile_open(in_dir("late.pdf"), BF_OUTFILE_FORCE, &err);
	ck_assert_ptr_nonnull(o);
	bf_outfile_write(o, "x", 1);
	ck_assert_int_eq(symlink(in_dir("victim"), in_dir("late.pdf")), 0);
	ck_assert_int_eq(bf_outfile_commit(o, &err), -1);
	ck_assert_msg(strstr(err.msg, "late.pdf"), "%s", err.msg);
	ck_assert_str_eq(slurp(in_dir("victim")), "precious");
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
}
END_TEST

START_TEST(test_folder_and_missing_folder)
{
	bf_error err = {0};
	ck_assert_int_eq(mkdir(in_dir("sub"), 0700), 0);
	ck_assert_ptr_null(bf_outfile_open(in_dir("sub"), BF_OUTFILE_FORCE, &err));
	ck_assert_msg(strstr(err.msg, "folder"), "%s", err.msg);
	ck_assert_ptr_null(bf_outfile_open(in_dir("no/such/x.pdf"), 0, &err));
	ck_assert_msg(strstr(err.msg, in_dir("no/such/x.pdf")), "%s", err.msg);
	ck_assert_ptr_null(bf_outfile_open("", 0, &err));
}
END_TEST

START_TEST(test_abort_and_fail_leave_nothing)
{
	bf_error err = {0};
	bf_outfile *o = bf_outfile_open(in_dir("d.xlsx"), 0, &err);
	ck_assert_ptr_nonnull(o);
	bf_outfile_write(o, "half", 4);
	bf_outfile_abort(o);
	bf_outfile_abort(NULL);
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
	ck_assert_int_eq(access(in_dir("d.xlsx"), F_OK), -1);

	o = bf_outfile_open(in_dir("d.xlsx"), 0, &err);
	bf_outfile_write(o, "half", 4);
	bf_outfile_fail(o, "the library said no");
	ck_assert_int_eq(bf_outfile_write(o, "more", 4), -1);
	ck_assert_int_eq(bf_outfile_commit(o, &err), -1);
	ck_assert_msg(strstr(err.msg, in_dir("d.xlsx")) && strstr(err.msg, "the library said no"),
	              "%s", err.msg);
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
	ck_assert_int_eq(access(in_dir("d.xlsx"), F_OK), -1);
}
END_TEST

/* A write past the size limit fails like a full disk (EFBIG instead of
 * ENOSPC): the target is not made and the temporary is removed. */
START_TEST(test_write_error_reported)
{
	bf_error err = {0};
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit rl = {.rlim_cur = 4096, .rlim_max = RLIM_INFINITY};
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	static char big[65536];
	memset(big, 'x', sizeof big);
	ck_assert_int_eq(bf_outfile_write_file(in_dir("full.pdf"), 0, big, sizeof big, &err), -1);
	ck_assert_msg(strstr(err.msg, in_dir("full.pdf")), "%s", err.msg);
	ck_assert_int_eq(access(in_dir("full.pdf"), F_OK), -1);
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
	/* the same through stdio: the error surfaces at commit's flush */
	bf_outfile *o = bf_outfile_open(in_dir("full2.pdf"), 0, &err);
	ck_assert_ptr_nonnull(o);
	FILE *f = bf_outfile_stream(o);
	for (int i = 0; i < 4; i++)
		fwrite(big, 1, sizeof big, f);
	ck_assert_int_eq(bf_outfile_commit(o, &err), -1);
	ck_assert_msg(strstr(err.msg, in_dir("full2.pdf")), "%s", err.msg);
	ck_assert_int_eq(access(in_dir("full2.pdf"), F_OK), -1);
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
}
END_TEST

START_TEST(test_sweep_leftovers_only)
{
	bf_error err = {0};
	/* a leftover of a killed writer: ours by name, nobody holds it */
	int fd = open(in_dir(BF_OUTFILE_PREFIX "dead12345678"), O_CREAT | O_WRONLY, 0600);
	ck_assert_int_ge(fd, 0);
	close(fd);
	/* a writer at work: its temporary must stay */
	bf_outfile *o = bf_outfile_open(in_dir("live.pdf"), 0, &err);
	ck_assert_ptr_nonnull(o);
	/* not ours: other names, and a link with our prefix */
	ck_assert_int_eq(bf_outfile_write_file(in_dir("keep.txt"), 0, "k", 1, &err), 0);
	ck_assert_int_eq(symlink(in_dir("keep.txt"), in_dir(BF_OUTFILE_PREFIX "link")), 0);
	int removed = -1;
	ck_assert_msg(bf_outfile_sweep(dir, &removed, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(removed, 1);
	ck_assert_int_eq(access(in_dir(BF_OUTFILE_PREFIX "dead12345678"), F_OK), -1);
	ck_assert_int_eq(access(bf_outfile_tmp_path(o), F_OK), 0);
	ck_assert_str_eq(slurp(in_dir("keep.txt")), "k");
	bf_outfile_write(o, "live", 4);
	ck_assert_int_eq(bf_outfile_commit(o, &err), 0);
	ck_assert_str_eq(slurp(in_dir("live.pdf")), "live");
	/* a folder that is not there (the stick is out) is no error */
	ck_assert_int_eq(bf_outfile_sweep(in_dir("gone"), &removed, &err), 0);
	ck_assert_int_eq(removed, 0);
}
END_TEST

START_TEST(test_dir_of)
{
	char out[512];
	ck_assert(bf_outfile_dir_of(in_dir("x.pdf"), out, sizeof out));
	char real[512];
	ck_assert_ptr_nonnull(realpath(dir, real));
	ck_assert_str_eq(out, real);
	ck_assert(!bf_outfile_dir_of(in_dir("x.pdf"), out, 4));
}
END_TEST

/* A writer killed halfway (issue 18): its temporary stays, the target is
 * not made, and the sweep removes the leftover once its lock died with it. */
START_TEST(test_killed_writer_leftover_swept)
{
	bf_error err = {{0}};
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		bf_outfile *o = bf_outfile_open(in_dir("killed.pdf"), 0, &err);
		if (o)
			bf_outfile_write(o, "half a PDF", 10);
		raise(SIGKILL);
		_exit(1);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 1);
	ck_assert_int_eq(access(in_dir("killed.pdf"), F_OK), -1);
	int removed = 0;
	ck_assert_int_eq(bf_outfile_sweep(dir, &removed, &err), 0);
	ck_assert_int_eq(removed, 1);
	ck_assert_int_eq(count_prefixed(BF_OUTFILE_PREFIX), 0);
}
END_TEST

/* One default save folder for every screen (issue 15): the setting
 * BANGFU_SAVE_DIR, else the documents folder, else home, else here. */
START_TEST(test_save_dir)
{
	char got[1024], want[1024];
	unsetenv("BANGFU_SAVE_DIR");
	unsetenv("XDG_DOCUMENTS_DIR");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", dir, 1);
	bf_save_dir(got, sizeof got);
	ck_assert_str_eq(got, dir);
	/* a folder 文档 (the Chinese desktop's) or Documents */
	ck_assert_int_eq(mkdir(in_dir("Documents"), 0700), 0);
	bf_save_dir(got, sizeof got);
	ck_assert_str_eq(got, in_dir("Documents"));
	ck_assert_int_eq(mkdir(in_dir("文档"), 0700), 0);
	bf_save_dir(got, sizeof got);
	ck_assert_str_eq(got, in_dir("文档"));
	/* the desktop's own record of it wins */
	ck_assert_int_eq(mkdir(in_dir(".config"), 0700), 0);
	ck_assert_int_eq(mkdir(in_dir("papers"), 0700), 0);
	FILE *f = fopen(in_dir(".config/user-dirs.dirs"), "w");
	ck_assert_ptr_nonnull(f);
	fputs("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/桌面\"\n"
	      "XDG_DOCUMENTS_DIR=\"$HOME/papers\"\n",
	      f);
	fclose(f);
	bf_save_dir(got, sizeof got);
	ck_assert_str_eq(got, in_dir("papers"));
	/* the setting, "~/" expanded; one naming no folder is passed over */
	ck_assert_int_eq(mkdir(in_dir("out"), 0700), 0);
	setenv("BANGFU_SAVE_DIR", "~/out", 1);
	bf_save_dir(got, sizeof got);
	ck_assert_str_eq(got, in_dir("out"));
	setenv("BANGFU_SAVE_DIR", "~/gone", 1);
	bf_save_dir(got, sizeof got);
	ck_assert_str_eq(got, in_dir("papers"));
	/* a name from data is made safe */
	setenv("BANGFU_SAVE_DIR", dir, 1);
	bf_save_path("送温暖/2026.pdf", got, sizeof got);
	ck_assert_str_eq(got, in_dir("送温暖_2026.pdf"));
	/* no home at all: the current folder */
	unsetenv("BANGFU_SAVE_DIR");
	unsetenv("HOME");
	ck_assert_ptr_nonnull(getcwd(want, sizeof want));
	bf_save_dir(got, sizeof got);
	ck_assert_str_eq(got, want);
	/* what the user types */
	setenv("HOME", dir, 1);
	snprintf(got, sizeof got, "  ~/a.pdf ");
	ck_assert(bf_path_expand(got, sizeof got));
	ck_assert_str_eq(got, in_dir("a.pdf"));
	snprintf(got, sizeof got, "~x/a.pdf");
	ck_assert(bf_path_expand(got, sizeof got));
	ck_assert_str_eq(got, "~x/a.pdf");
	snprintf(got, sizeof got, "   ");
	ck_assert(!bf_path_expand(got, sizeof got));
}
END_TEST

static Suite *outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *tc = tcase_create("write");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_file_private_no_leftover);
	tcase_add_test(tc, test_temporary_beside_target);
	tcase_add_test(tc, test_existing_needs_force);
	tcase_add_test(tc, test_symlink_refused);
	tcase_add_test(tc, test_folder_and_missing_folder);
	tcase_add_test(tc, test_abort_and_fail_leave_nothing);
	tcase_add_test(tc, test_write_error_reported);
	tcase_add_test(tc, test_sweep_leftovers_only);
	tcase_add_test(tc, test_dir_of);
	tcase_add_test(tc, test_killed_writer_leftover_swept);
	tcase_add_test(tc, test_save_dir);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *s[] = {outfile_suite()};
	return bf_test_run(s, 1);
}
