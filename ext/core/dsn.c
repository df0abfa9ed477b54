#include "dsn.h"

#include <stdio.h>
#include <string.h>

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Copies s[0..n) percent-decoded into out; -1 on bad encoding or overflow. */
static int decode_part(const char *s, size_t n, char *out, size_t out_size)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= n)
				return -1;
			hi = hex_value(s[i + 1]);
			lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0' || o + 1 >= out_size)
			return -1;
		out[o++] = c;
	}
	out[o] = '\0';
	return 0;
}

static int fail(char *err, size_t err_size, const char *what)
{
	snprintf(err, err_size, "invalid database address: %s (expected mysql://user:password@host:port/database?socket=/path)", what);
	return -1;
}

static const char *find(const char *s, const char *end, char c)
{
	for (; s < end; s++)
		if (*s == c)
			return s;
	return NULL;
}

static int parse_query(const char *q, const char *end, cg_dsn *out, char *err, size_t err_size)
{
	while (q < end) {
		const char *amp = find(q, end, '&');
		const char *stop = amp ? amp : end;
		const char *eq = find(q, stop, '=');
		size_t key_len;

		if (!eq)
			return fail(err, err_size, "a query parameter has no '='");
		key_len = (size_t)(eq - q);
		if (key_len == 6 && memcmp(q, "socket", 6) == 0) {
			if (decode_part(eq + 1, (size_t)(stop - eq - 1), out->socket, sizeof out->socket) != 0)
				return fail(err, err_size, "the socket path is malformed or too long");
		} else if (key_len == 7 && memcmp(q, "charset", 7) == 0) {
			if (decode_part(eq + 1, (size_t)(stop - eq - 1), out->charset, sizeof out->charset) != 0)
				return fail(err, err_size, "the charset is malformed or too long");
		} else {
			return fail(err, err_size, "unknown query parameter (known: socket, charset)");
		}
		q = amp ? amp + 1 : end;
	}
	return 0;
}

int cg_dsn_parse(const char *dsn, size_t len, cg_dsn *out, char *err, size_t err_size)
{
	const char *p = dsn, *end = dsn + len, *slash, *query, *at, *colon, *host_end;
	static const char *const schemes[] = {"mysql://", "mariadb://"};
	int scheme_ok = 0;

	memset(out, 0, sizeof *out);
	strcpy(out->charset, "utf8mb4");
	if (memchr(dsn, '\0', len))
		return fail(err, err_size, "it contains a NUL byte");
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(schemes[i]);
		if (len >= n && memcmp(p, schemes[i], n) == 0) {
			p += n;
			scheme_ok = 1;
			break;
		}
	}
	if (!scheme_ok)
		return fail(err, err_size, "it must start with mysql:// or mariadb://");
	query = find(p, end, '?');
	if (!query)
		query = end;
	slash = find(p, query, '/');
	host_end = slash ? slash : query;
	/* The last '@' ends the credentials: a password may contain '@' only encoded, but be lenient. */
	at = NULL;
	for (const char *c = p; c < host_end; c++)
		if (*c == '@')
			at = c;
	if (at) {
		colon = find(p, at, ':');
		if (decode_part(p, (size_t)((colon ? colon : at) - p), out->user, sizeof out->user) != 0)
			return fail(err, err_size, "the user name is malformed or too long");
		if (colon && decode_part(colon + 1, (size_t)(at - colon - 1), out->password, sizeof out->password) != 0) {
			cg_dsn_wipe(out);
			return fail(err, err_size, "the password is malformed or too long");
		}
		p = at + 1;
	}
	colon = find(p, host_end, ':');
	if (decode_part(p, (size_t)((colon ? colon : host_end) - p), out->host, sizeof out->host) != 0)
		return fail(err, err_size, "the host is malformed or too long");
	if (colon) {
		unsigned port = 0;
		const char *d = colon + 1;
		if (d == host_end)
			return fail(err, err_size, "the port is empty");
		for (; d < host_end; d++) {
			if (*d < '0' || *d > '9' || port > 65535)
				return fail(err, err_size, "the port is not a number from 1 to 65535");
			port = port * 10 + (unsigned)(*d - '0');
		}
		if (port == 0 || port > 65535)
			return fail(err, err_size, "the port is not a number from 1 to 65535");
		out->port = port;
	}
	if (slash && decode_part(slash + 1, (size_t)(query - slash - 1), out->database, sizeof out->database) != 0)
		return fail(err, err_size, "the database name is malformed or too long");
	if (out->database[0] == '\0')
		return fail(err, err_size, "the database name is missing");
	if (query < end && parse_query(query + 1, end, out, err, err_size) != 0) {
		cg_dsn_wipe(out);
		return -1;
	}
	if (out->host[0] == '\0' && out->socket[0] == '\0')
		return fail(err, err_size, "give a host, or ?socket=/path for a unix socket");
	return 0;
}

void cg_dsn_describe(const cg_dsn *dsn, char *out, size_t out_size)
{
	if (dsn->socket[0])
		snprintf(out, out_size, "mysql://%s@%s/%s?socket=%s", dsn->user, dsn->host[0] ? dsn->host : "localhost",
		         dsn->database, dsn->socket);
	else if (dsn->port)
		snprintf(out, out_size, "mysql://%s@%s:%u/%s", dsn->user, dsn->host, dsn->port, dsn->database);
	else
		snprintf(out, out_size, "mysql://%s@%s/%s", dsn->user, dsn->host, dsn->database);
}

void cg_dsn_wipe(cg_dsn *dsn)
{
	volatile char *p = dsn->password;

	for (size_t i = 0; i < sizeof dsn->password; i++)
		p[i] = 0;
}
