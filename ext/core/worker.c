#include "worker.h"

#include <string.h>

#include <mysql.h>

static void *run(void *arg)
{
	cg_worker *w = arg;

	mysql_thread_init(); /* the jobs talk to the database through Connector/C */
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->job && !w->stopping)
			pthread_cond_wait(&w->changed, &w->lock);
		if (!w->job)
			break;
		pthread_mutex_unlock(&w->lock);
		{
			int rc = w->fn(w->job);
			pthread_mutex_lock(&w->lock);
			w->result = rc;
		}
		w->job = NULL;
		pthread_cond_broadcast(&w->changed);
	}
	pthread_mutex_unlock(&w->lock);
	mysql_thread_end();
	return NULL;
}

int cg_worker_start(cg_worker *w, cg_worker_fn fn)
{
	memset(w, 0, sizeof *w);
	w->fn = fn;
	if (pthread_mutex_init(&w->lock, NULL) != 0)
		return -1;
	if (pthread_cond_init(&w->changed, NULL) != 0) {
		pthread_mutex_destroy(&w->lock);
		return -1;
	}
	if (pthread_create(&w->thread, NULL, run, w) != 0) {
		pthread_cond_destroy(&w->changed);
		pthread_mutex_destroy(&w->lock);
		return -1;
	}
	w->started = 1;
	return 0;
}

void cg_worker_submit(cg_worker *w, void *job)
{
	pthread_mutex_lock(&w->lock);
	w->job = job;
	w->busy = 1;
	pthread_cond_broadcast(&w->changed);
	pthread_mutex_unlock(&w->lock);
}

int cg_worker_wait(cg_worker *w)
{
	int rc = 0;

	pthread_mutex_lock(&w->lock);
	while (w->job)
		pthread_cond_wait(&w->changed, &w->lock);
	if (w->busy)
		rc = w->result;
	w->busy = 0;
	pthread_mutex_unlock(&w->lock);
	return rc;
}

void cg_worker_stop(cg_worker *w)
{
	if (!w->started)
		return;
	cg_worker_wait(w);
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_broadcast(&w->changed);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->changed);
	pthread_mutex_destroy(&w->lock);
	w->started = 0;
}
