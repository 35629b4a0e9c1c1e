/*
 * The worker pool: a ring of jobs guarded by one mutex, with condition
 * variables for "a job is waiting" and "there is room". Freeing the pool
 * lets the workers drain the queue before they stop.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "pool.h"

#define QUEUE 8

struct job {
	void (*fn)(void *);
	void *arg;
};

struct wk_pool {
	pthread_t *threads;
	int n;
	pthread_mutex_t mu;
	pthread_cond_t ready, room;
	struct job q[QUEUE];
	size_t head, len;
	int stop;
};

static void *
worker(void *arg)
{
	struct wk_pool *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct job j;

		while (p->len == 0 && !p->stop)
			pthread_cond_wait(&p->ready, &p->mu);
		if (p->len == 0 && p->stop)
			break;
		j = p->q[p->head];
		p->head = (p->head + 1) % QUEUE;
		p->len--;
		pthread_cond_signal(&p->room);
		pthread_mutex_unlock(&p->mu);
		j.fn(j.arg);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct wk_pool *
wk_pool_new(int n)
{
	struct wk_pool *p = calloc(1, sizeof *p);
	int i, e = 0;

	if (p == NULL) {
		errno = ENOMEM;
		return NULL;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->ready, NULL);
	pthread_cond_init(&p->room, NULL);
	if (n <= 1)
		return p;
	if ((p->threads = calloc((size_t)n, sizeof *p->threads)) == NULL) {
		wk_pool_free(p);
		errno = ENOMEM;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if ((e = pthread_create(&p->threads[i], NULL, worker, p)) != 0)
			break;
		p->n++;
	}
	if (p->n == 0) {
		wk_pool_free(p);
		errno = e;
		return NULL;
	}
	return p;
}

void
wk_pool_submit(struct wk_pool *p, void (*fn)(void *), void *arg)
{
	if (p->n == 0) {
		fn(arg);
		return;
	}
	pthread_mutex_lock(&p->mu);
	while (p->len == QUEUE)
		pthread_cond_wait(&p->room, &p->mu);
	p->q[(p->head + p->len) % QUEUE].fn = fn;
	p->q[(p->head + p->len) % QUEUE].arg = arg;
	p->len++;
	pthread_cond_signal(&p->ready);
	pthread_mutex_unlock(&p->mu);
}

void
wk_pool_free(struct wk_pool *p)
{
	int i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->n; i++)
		pthread_join(p->threads[i], NULL);
	free(p->threads);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->room);
	free(p);
}
