package dev.ncbridge.sink.syslog;

/** How messages travel to the syslog server. */
enum Transport {
    /** One message per datagram (RFC 5426); nothing tells the sender whether it arrived. */
    UDP,
    /** A TCP stream of framed messages (RFC 6587). */
    TCP,
    /** TCP inside TLS (RFC 5425). */
    TLS;

    boolean isStream() {
        return this != UDP;
    }
}
