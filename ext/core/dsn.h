/*
 * Database addresses: mysql://user:password@host:port/database?socket=/path
 * (also mariadb://).  User, password and database may be percent-encoded.
 * Error messages name the part that is wrong and never contain the password.
 */
#ifndef CRMGUARD_DSN_H
#define CRMGUARD_DSN_H

#include <stddef.h>

#define CG_DSN_PART_MAX 256
#define CG_DSN_PATH_MAX 1024

typedef struct {
	char user[CG_DSN_PART_MAX];
	char password[CG_DSN_PART_MAX];
	char host[CG_DSN_PART_MAX];   /* "" or "localhost" with socket: the unix socket */
	unsigned port;                /* 0: the client library's default */
	char database[CG_DSN_PART_MAX];
	char socket[CG_DSN_PATH_MAX]; /* "" for TCP */
	char charset[32];             /* "utf8mb4" unless ?charset= */
} cg_dsn;

/* 0 when dsn is well formed; otherwise -1 and a message in err. */
int cg_dsn_parse(const char *dsn, size_t len, cg_dsn *out, char *err, size_t err_size);

/* The address without its password, for messages: mysql://user@host/db. */
void cg_dsn_describe(const cg_dsn *dsn, char *out, size_t out_size);

/* Overwrites the password so it does not linger in memory. */
void cg_dsn_wipe(cg_dsn *dsn);

#endif
