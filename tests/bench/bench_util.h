/* bench_util.h — what the benchmarks that run the bangfu program share:
 * the clock, dying with a message, a fresh folder, and running bangfu as
 * an operator in a folder of its own (its database under XDG_DATA_HOME,
 * the password on descriptor 3 from DIR/password). CPU times beside wall
 * times: on a shared machine they are the steadier figure. */
#ifndef BANGFU_BENCH_UTIL_H
#define BANGFU_BENCH_UTIL_H

#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds this process has used (the bare sides run in it) */
static inline double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The CPU seconds of the last bench_run's child (user and system). */
static double bench_child_cpu;

static inline void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench: %s: %s\n", what, msg);
	exit(1);
}

static inline void bench_fresh_dir(const char *dir)
{
	char cmd[2300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0 || mkdir(dir, 0700) != 0)
		die(dir, "cannot make");
}

static inline void bench_password(const char *dir, const char *password)
{
	char path[1100];
	snprintf(path, sizeof path, "%s/password", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		die(path, "cannot write");
	fprintf(f, "%s\n", password);
	fclose(f);
}

/* Run bangfu with args as user in dir's environment (quiet: its messages
 * thrown away); its exit status, *secs its wall time and *rss_kb its peak
 * RSS. */
static inline int bench_run(const char *bangfu, const char *dir, const char *user,
                            const char *const *args, bool quiet, double *secs, long *rss_kb)
{
	char pw[1100];
	snprintf(pw, sizeof pw, "%s/password", dir);
	double t0 = now_s();
	pid_t pid = fork();
	if (pid < 0)
		die("fork", "failed");
	if (pid == 0) {
		int fd = open(pw, O_RDONLY);
		int null = open("/dev/null", O_WRONLY);
		if (fd < 0 || null < 0 || dup2(fd, 3) < 0 || dup2(null, 1) < 0 ||
		    (quiet && dup2(null, 2) < 0))
			_exit(126);
		setenv("HOME", dir, 1);
		setenv("XDG_DATA_HOME", dir, 1);
		setenv("BANGFU_USER", user, 1);
		setenv("BANGFU_TEST_PWHASH_MIN", "1", 1);
		const char *argv[24] = {bangfu, "--lang", "en", "--password-fd", "3"};
		int k = 5;
		for (int i = 0; args[i] && k < 23; i++)
			argv[k++] = args[i];
		argv[k] = NULL;
		execv(bangfu, (char *const *)argv);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid)
		die("wait", "failed");
	*secs = now_s() - t0;
	*rss_kb = ru.ru_maxrss;
	bench_child_cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	                  (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Drop the triggers of db (in the open transaction: a rollback brings
 * them back): the bare side without the audit log and its chain. */
static inline void bench_drop_triggers(sqlite3 *h)
{
	sqlite3_stmt *st;
	char names[64][128];
	int n = 0;
	if (sqlite3_prepare_v2(h, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &st,
	                       NULL) != SQLITE_OK)
		die("triggers", sqlite3_errmsg(h));
	while (sqlite3_step(st) == SQLITE_ROW && n < 64)
		snprintf(names[n++], sizeof names[0], "%s",
		         (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	for (int i = 0; i < n; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "DROP TRIGGER \"%.127s\"", names[i]);
		if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
			die("drop trigger", sqlite3_errmsg(h));
	}
}

#endif
