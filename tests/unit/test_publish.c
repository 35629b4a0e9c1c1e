/*
 * Publishing: files appear only on commit, together; an abort leaves the
 * old ones; a publication interrupted after its journal was written is
 * finished by the next run; leftovers are removed; the lock keeps a second
 * opener out.
 */

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "base/err.h"
#include "publish/publish.h"

static char top[] = "/tmp/wk-test-pub-XXXXXX";

static char *
slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static char *
at(const char *rel)
{
	static char p[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", top, rel);
	return p[k];
}

/* Names in dir starting with '.' other than . and .. and the lock. */
static int
hidden(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") &&
		    strcmp(e->d_name, "..") && strcmp(e->d_name, ".willakuy.lock"))
			n++;
	closedir(d);
	return n;
}

/* Opens path for a run on 2026-11-29, waiting wait_s for the lock. */
static enum wk_status
open_out(const char *path, unsigned wait_s, struct wk_outdir **o,
    struct wk_err *err)
{
	struct wk_outdir_opts op;

	memset(&op, 0, sizeof op);
	op.date = "2026-11-29";
	op.wait_s = wait_s;
	return wk_outdir_open(path, &op, NULL, o, err);
}

static void
publish(const char *version, int commit)
{
	struct wk_outdir *o;
	struct wk_pub *p;
	struct wk_err err;
	FILE *f;

	assert_int_equal(open_out(at("out"), 0, &o, &err),
	    WK_OK);
	assert_int_equal(wk_pub_begin(o, "b-es", &p, &err), WK_OK);
	f = wk_pub_create(p, "b-es/01-a.mp3", &err);
	assert_non_null(f);
	fputs(version, f);
	assert_int_equal(wk_pub_close(p, f, &err), WK_OK);
	f = wk_pub_create(p, "b-es.mp3", &err);
	assert_non_null(f);
	fputs(version, f);
	assert_int_equal(wk_pub_close(p, f, &err), WK_OK);
	f = wk_pub_create(p, "b-es.txt", &err);
	assert_non_null(f);
	fputs(version, f);
	assert_int_equal(wk_pub_close(p, f, &err), WK_OK);
	/* Nothing shows before the commit. */
	if (strcmp(version, "one") == 0)
		assert_int_equal(access(at("out/2026-11-29/b-es.mp3"), F_OK), -1);
	if (commit)
		assert_int_equal(wk_pub_commit(p, "b-es.mp3", &err), WK_OK);
	else
		wk_pub_abort(p);
	wk_outdir_close(o);
}

static void
test_commit_abort(void **state)
{
	(void)state;
	publish("one", 1);
	assert_string_equal(slurp(at("out/2026-11-29/b-es.mp3")), "one");
	assert_string_equal(slurp(at("out/2026-11-29/b-es/01-a.mp3")), "one");
	assert_string_equal(slurp(at("out/2026-11-29/b-es.txt")), "one");
	assert_string_equal(slurp(at("out/latest/b-es.mp3")), "one");
	publish("two", 0);
	assert_string_equal(slurp(at("out/2026-11-29/b-es.mp3")), "one");
	assert_string_equal(slurp(at("out/2026-11-29/b-es/01-a.mp3")), "one");
	assert_int_equal(hidden(at("out/2026-11-29")), 0);
	publish("three", 1);
	assert_string_equal(slurp(at("out/2026-11-29/b-es.mp3")), "three");
	assert_string_equal(slurp(at("out/2026-11-29/b-es/01-a.mp3")), "three");
	assert_string_equal(slurp(at("out/latest/b-es.mp3")), "three");
	assert_int_equal(hidden(at("out/2026-11-29")), 0);
	assert_int_equal(hidden(at("out/latest")), 0);
}

static void
test_journal_replay(void **state)
{
	struct wk_outdir *o;
	struct wk_err err;
	FILE *f;
	char line[2048];

	(void)state;
	/* A run that died right after its journal: new files under
	 * temporary names, a staging folder, and the journal. */
	assert_int_equal(mkdir(at("out/2026-11-29/.b-es.new.99"), 0755), 0);
	f = fopen(at("out/2026-11-29/.b-es.new.99/01-a.mp3"), "w");
	fputs("four", f);
	fclose(f);
	f = fopen(at("out/2026-11-29/.b-es.new.99/.willakuy-run"), "w");
	fputs("run-99\n", f);
	fclose(f);
	f = fopen(at("out/2026-11-29/.b-es.mp3.tmp.99"), "w");
	fputs("four", f);
	fclose(f);
	f = fopen(at("out/2026-11-29/.b-es.journal"), "w");
	fputs("willakuy-journal 2\nrun\trun-99\n"
	    "dir\t.b-es.new.99\tb-es\n"
	    "file\t.b-es.mp3.tmp.99\tb-es.mp3\n", f);
	fclose(f);
	/* A journal not of ours (no magic line; a path outside its folder)
	 * is left alone. */
	f = fopen(at("out/2026-11-29/.evil.journal"), "w");
	snprintf(line, sizeof line, "run\tx\nfile\t%s\t%s\n",
	    at("out/2026-11-29/b-es.txt"), at("victim"));
	fputs(line, f);
	fclose(f);
	/* And a leftover of a run killed before its journal. */
	f = fopen(at("out/2026-11-29/.b-es.txt.tmp.98"), "w");
	fputs("partial", f);
	fclose(f);
	assert_string_equal(slurp(at("out/2026-11-29/b-es.mp3")), "three");
	assert_int_equal(open_out(at("out"), 0, &o, &err), WK_OK);
	assert_string_equal(slurp(at("out/2026-11-29/b-es.mp3")), "four");
	assert_string_equal(slurp(at("out/2026-11-29/b-es/01-a.mp3")), "four");
	assert_string_equal(slurp(at("out/2026-11-29/b-es.txt")), "three");
	assert_int_equal(access(at("victim"), F_OK), -1);
	assert_int_equal(hidden(at("out/2026-11-29")), 1);	/* .evil.journal */
	assert_int_equal(unlink(at("out/2026-11-29/.evil.journal")), 0);
	wk_outdir_close(o);
}

static void
test_lock(void **state)
{
	struct wk_outdir *o, *o2;
	struct wk_err err;
	pid_t pid;
	int status;

	(void)state;
	assert_int_equal(open_out(at("out"), 0, &o, &err), WK_OK);
	/* flock is per open file: a second process must wait, then give up. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		enum wk_status st = open_out(at("out"), 1, &o2,
		    &err);

		_exit(st == WK_ELOCK && strstr(err.msg, "another willakuy run") ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	wk_outdir_close(o);
}

static void
test_readonly(void **state)
{
	struct wk_outdir *o;
	struct wk_err err;

	(void)state;
	if (geteuid() == 0)
		skip();	/* root writes anywhere; the e2e test covers it */
	assert_int_equal(mkdir(at("ro"), 0555), 0);
	assert_int_equal(open_out(at("ro/out"), 0, &o, &err),
	    WK_EIO);
	assert_non_null(strstr(err.msg, "cannot create folder"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_abort),
		cmocka_unit_test(test_journal_replay),
		cmocka_unit_test(test_lock),
		cmocka_unit_test(test_readonly),
	};
	int rc;
	char cmd[600];

	if (mkdtemp(top) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("publish", tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "chmod -R u+w %s; rm -rf %s", top, top);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
