/*
 * LD_PRELOAD shim for wrk in the edge-tls benchmark. wrk keeps each connection's SSL object across reconnects and
 * resets it with SSL_clear(), which keeps the session: every reconnect then offers the previous session and a server
 * resumes it, so "a new connection per request" would measure resumptions. Dropping the session after SSL_clear()
 * makes every new connection a full handshake, against any server, without touching either server's settings.
 */
#define _GNU_SOURCE
#include <dlfcn.h>

typedef struct ssl_st SSL;
typedef struct ssl_session_st SSL_SESSION;
int SSL_set_session(SSL *ssl, SSL_SESSION *session);

int SSL_clear(SSL *ssl)
{
    static int (*real_clear)(SSL *);
    if (!real_clear)
        real_clear = (int (*)(SSL *))dlsym(RTLD_NEXT, "SSL_clear");
    int result = real_clear(ssl);
    SSL_set_session(ssl, 0);
    return result;
}
