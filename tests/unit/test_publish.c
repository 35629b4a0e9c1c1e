/*
 * Publishing: files appear only on commit, together; an abort leaves the
 * old ones; a publication interrupted after its journal was written is
 * finished by the next run, latest/'s journal too; the manifest of latest/
 * goes in the same commit as its file; leftovers are removed; the lock
 * keeps a second opener out.
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

/* The identity a journal's drop line names: "DEVICE:INODE:CTIME". */
static void
ident(const char *path, char *out, size_t cap)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	snprintf(out, cap, "%llu:%llu:%lld:%ld", (unsigned long long)st.st_dev,
	    (unsigned long long)st.st_ino, (long long)st.st_ctim.tv_sec,
	    st.st_ctim.tv_nsec);
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* latest/'s journal (the end of a run): a run that died after writing it
 * is finished by the next one: files moved in, the manifest with them, a
 * file dropped only while it is the very file named (one put there since
 * stays); a journal that moves a file to any other hidden name of latest/
 * is not ours and is left alone. */
static void
test_journal_latest(void **state)
{
	struct wk_outdir *o;
	struct wk_err err;
	char line[1024], y[64], z[64];

	(void)state;
	put(at("out/latest/x-es.mp3"), "old");
	put(at("out/latest/y-es.mp3"), "y");
	put(at("out/latest/z-es.txt"), "z");
	ident(at("out/latest/y-es.mp3"), y, sizeof y);
	ident(at("out/latest/z-es.txt"), z, sizeof z);
	/* y is replaced after the journal named it (the new file may well
	 * get the old one's inode). */
	usleep(20000);
	assert_int_equal(unlink(at("out/latest/y-es.mp3")), 0);
	put(at("out/latest/.y-es.mp3.tmp.1"), "new y");
	assert_int_equal(rename(at("out/latest/.y-es.mp3.tmp.1"),
	    at("out/latest/y-es.mp3")), 0);
	put(at("out/latest/.x-es.mp3.tmp.7"), "new");
	put(at("out/latest/.willakuy-latest.tmp.5"), "manifest");
	snprintf(line, sizeof line, "willakuy-journal 2\nrun\tlatest-1\n"
	    "latest\t.x-es.mp3.tmp.7\tx-es.mp3\n"
	    "drop\ty-es.mp3\t%s\n"
	    "drop\tz-es.txt\t%s\n"
	    "latest\t.willakuy-latest.tmp.5\t.willakuy-latest\n", y, z);
	put(at("out/2026-11-29/.latest.journal"), line);
	/* Not ours: a move to another hidden name. */
	put(at("out/latest/.evil.tmp.3"), "evil");
	put(at("out/2026-11-29/.evil-es.journal"), "willakuy-journal 2\n"
	    "run\tx\nlatest\t.evil.tmp.3\t.profile\n");
	assert_int_equal(open_out(at("out"), 0, &o, &err), WK_OK);
	assert_string_equal(slurp(at("out/latest/x-es.mp3")), "new");
	assert_string_equal(slurp(at("out/latest/y-es.mp3")), "new y");
	assert_int_equal(access(at("out/latest/z-es.txt"), F_OK), -1);
	assert_string_equal(slurp(at("out/latest/.willakuy-latest")), "manifest");
	assert_int_equal(access(at("out/2026-11-29/.latest.journal"), F_OK), -1);
	assert_int_equal(access(at("out/latest/.profile"), F_OK), -1);
	assert_int_equal(unlink(at("out/2026-11-29/.evil-es.journal")), 0);
	wk_outdir_close(o);
	unlink(at("out/latest/x-es.mp3"));
	unlink(at("out/latest/y-es.mp3"));
	unlink(at("out/latest/.willakuy-latest"));
}

/* The manifest goes with the file it describes: a commit that moves
 * latest/b-es.mp3 asks for the manifest's text and puts it in place in
 * the same journal, then says it moved; a commit that leaves latest/
 * alone (held: a later date, or a date after today) writes none. */
static int moved;

static char *
text_of(void *arg, const char *base)
{
	char buf[128];

	snprintf(buf, sizeof buf, "%s %s", (const char *)arg, base);
	return strdup(buf);
}

static void
moved_one(void *arg, const char *base)
{
	(void)arg;
	(void)base;
	moved++;
}

static void
commit_one(const char *date, const char *today, const char *text, int hold)
{
	struct wk_manifest_ops ops = { text_of, moved_one, NULL };
	struct wk_outdir_opts op;
	struct wk_outdir *o;
	struct wk_pub *p;
	struct wk_err err;
	FILE *f;

	memset(&op, 0, sizeof op);
	op.date = date;
	op.today = today;
	assert_int_equal(wk_outdir_open(at("m"), &op, NULL, &o, &err), WK_OK);
	ops.arg = (void *)text;
	wk_outdir_set_manifest(o, &ops);
	if (hold)
		wk_outdir_hold_latest(o);
	assert_int_equal(wk_pub_begin(o, "b-es", &p, &err), WK_OK);
	f = wk_pub_create(p, "b-es.mp3", &err);
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(wk_pub_close(p, f, &err), WK_OK);
	assert_int_equal(wk_pub_commit(p, "b-es.mp3", &err), WK_OK);
	wk_outdir_close(o);
}

static void
test_manifest_commit(void **state)
{
	(void)state;
	moved = 0;
	commit_one("2026-11-28", "2026-11-29", "one", 0);
	assert_string_equal(slurp(at("m/latest/.willakuy-latest")), "one b-es.mp3");
	assert_string_equal(slurp(at("m/latest/b-es.mp3")), "one");
	assert_int_equal(moved, 1);
	commit_one("2026-11-30", "2026-11-29", "two", 1);
	assert_string_equal(slurp(at("m/2026-11-30/b-es.mp3")), "two");
	assert_string_equal(slurp(at("m/latest/.willakuy-latest")), "one b-es.mp3");
	assert_string_equal(slurp(at("m/latest/b-es.mp3")), "one");
	assert_int_equal(moved, 1);
	/* A later date folder that is still to come does not keep latest/
	 * from an earlier run's file. */
	commit_one("2026-11-29", "2026-11-29", "three", 0);
	assert_string_equal(slurp(at("m/latest/b-es.mp3")), "three");
	assert_string_equal(slurp(at("m/latest/.willakuy-latest")), "three b-es.mp3");
	assert_int_equal(moved, 2);
	assert_int_equal(hidden(at("m/latest")), 1);	/* the manifest */
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
		cmocka_unit_test(test_journal_latest),
		cmocka_unit_test(test_manifest_commit),
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
