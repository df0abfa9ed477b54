/*
 * One background thread that runs one job at a time: the importer writes a
 * batch on it while the caller reads and checks the next one.  The caller
 * hands a job over with cg_worker_submit and takes its result with
 * cg_worker_wait before handing over the next.
 */
#ifndef CRMGUARD_WORKER_H
#define CRMGUARD_WORKER_H

#include <pthread.h>

typedef int (*cg_worker_fn)(void *job);

typedef struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	cg_worker_fn fn;
	void *job;        /* the job handed over, NULL when none */
	int busy;         /* a job is handed over and not yet taken back (cg_worker_wait) */
	int result;       /* fn's result for the last job */
	int stopping;
	int started;
} cg_worker;

/* Starts the thread; 0, or -1 when it cannot (the caller then runs jobs itself). */
int cg_worker_start(cg_worker *w, cg_worker_fn fn);

/* Hands job over; the worker must be idle (cg_worker_wait taken). */
void cg_worker_submit(cg_worker *w, void *job);

/* Waits for the job handed over and returns fn's result; 0 when none was. */
int cg_worker_wait(cg_worker *w);

/* Waits for the job in hand, then ends the thread. */
void cg_worker_stop(cg_worker *w);

#endif
