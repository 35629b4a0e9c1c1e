/*
 * Station hooks. wk_hook_run starts /bin/sh -c COMMAND in a process group of
 * its own with extra environment variables and a text on its stdin, and
 * waits for it with a deadline, killing the whole group when the deadline
 * passes, so that a hook that hangs (a mail server that does not answer)
 * never holds up the next run. The <hook> after each bulletin-language
 * (playout.c) and the <notify> after each run (run/notify.c) use it.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libintl.h>

#include "hook.h"

extern char **environ;

/* How long a hook gets between SIGTERM and SIGKILL, in milliseconds. */
#define GRACE_MS 1000

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* environ followed by extra, NULL-terminated; the strings are not copied. */
static char **
make_env(char *const *extra)
{
	size_t n = 0, k = 0, i;
	char **v;

	while (environ != NULL && environ[n] != NULL)
		n++;
	while (extra != NULL && extra[k] != NULL)
		k++;
	if ((v = calloc(n + k + 1, sizeof *v)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		v[i] = environ[i];
	for (i = 0; i < k; i++)
		v[n + i] = extra[i];
	return v;
}

/* Waits for pid until deadline (ms, CLOCK_MONOTONIC); 1 when it ended. */
static int
wait_until(pid_t pid, long long deadline, int *wstatus)
{
	for (;;) {
		pid_t w = waitpid(pid, wstatus, WNOHANG);

		if (w == pid)
			return 1;
		if (w < 0 && errno != EINTR)
			return 1;
		if (now_ms() >= deadline)
			return 0;
		poll(NULL, 0, 10);
	}
}

/* Writes the input to fd until it is all written, the reader goes away or
 * the deadline passes. */
static void
feed_input(int fd, const char *s, size_t n, long long deadline)
{
	while (n > 0) {
		struct pollfd p = { fd, POLLOUT, 0 };
		long long left = deadline - now_ms();
		ssize_t w;

		if (left <= 0 || poll(&p, 1, (int)(left > 1000 ? 1000 : left)) < 0) {
			if (left > 0 && errno == EINTR)
				continue;
			return;
		}
		if (p.revents & (POLLERR | POLLHUP))
			return;
		if (!(p.revents & POLLOUT))
			continue;
		w = write(fd, s, n);
		if (w < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return;		/* EPIPE: it stopped reading */
		}
		s += w;
		n -= (size_t)w;
	}
}

enum wk_status
wk_hook_run(const struct wk_hook *h, struct wk_hook_result *r,
    struct wk_err *err)
{
	unsigned timeout_s = h->timeout_s ? h->timeout_s : 30;
	long long deadline;
	sigset_t pipe_set, old;
	int fds[2], wstatus = 0, ended;
	char **env;
	pid_t pid;

	memset(r, 0, sizeof *r);
	if ((env = make_env(h->env)) == NULL)
		return wk_err_nomem(err);
	if (pipe(fds) != 0 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
		free(env);
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot start the command '%s': %s"), h->command,
		    strerror(errno));
	}
	/* A hook that stops reading must not kill us with SIGPIPE. */
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	if ((pid = fork()) < 0) {
		int e = errno;

		close(fds[0]);
		close(fds[1]);
		free(env);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return wk_err_set(err, WK_EIO, NULL, 0, 0,
		    _("cannot start the command '%s': %s"), h->command,
		    strerror(e));
	}
	if (pid == 0) {
		/* The child: only async-signal-safe calls from here on. */
		sigset_t none;

		setpgid(0, 0);
		if (dup2(fds[0], STDIN_FILENO) < 0)
			_exit(127);
		closefrom(3);
		signal(SIGPIPE, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		execle("/bin/sh", "sh", "-c", h->command, (char *)NULL, env);
		_exit(127);
	}
	setpgid(pid, pid);	/* also here: whichever runs first wins */
	free(env);
	close(fds[0]);
	deadline = now_ms() + (long long)timeout_s * 1000;
	fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
	if (h->input != NULL)
		feed_input(fds[1], h->input, h->input_len, deadline);
	close(fds[1]);
	ended = wait_until(pid, deadline, &wstatus);
	if (!ended) {
		r->timed_out = 1;
		kill(-pid, SIGTERM);
		if (!wait_until(pid, now_ms() + GRACE_MS, &wstatus)) {
			kill(-pid, SIGKILL);
			while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
				;
		}
		/* Whatever of the group outlived its shell goes too. */
		kill(-pid, SIGKILL);
	}
	{
		struct timespec zero = { 0, 0 };
		sigset_t pending;

		sigpending(&pending);
		if (sigismember(&pending, SIGPIPE))
			sigtimedwait(&pipe_set, NULL, &zero);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (WIFEXITED(wstatus)) {
		r->exited = 1;
		r->status = WEXITSTATUS(wstatus);
	} else if (WIFSIGNALED(wstatus))
		r->status = WTERMSIG(wstatus);
	return WK_OK;
}

