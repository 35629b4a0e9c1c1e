#ifndef WK_POOL_H
#define WK_POOL_H
/*
 * A small pool of worker threads for the encoders (LAME instances are
 * independent; espeak-ng is not, so synthesis stays on the main thread).
 * The queue is bounded: submitting blocks while it is full, which keeps
 * the number of spooled segments waiting, and so disk and memory, bounded.
 */

#include <stddef.h>

struct wk_pool;

/* n workers; with n <= 1 jobs run at once in the submitting thread. NULL
 * with errno (ENOMEM, or pthread_create's EAGAIN) when threads cannot be
 * started. */
struct wk_pool *wk_pool_new(int n);

/* Runs fn(arg) on a worker. */
void wk_pool_submit(struct wk_pool *p, void (*fn)(void *), void *arg);

/* Waits for every submitted job to finish (the workers drain the queue),
 * stops the workers and frees the pool; NULL is a no-op. */
void wk_pool_free(struct wk_pool *p);

#endif
