package dev.ncbridge.sink.syslog;

/** How messages are delimited on a TCP or TLS stream (RFC 6587). */
enum Framing {
    /** {@code <length> SP <message>}: any byte may appear in a message. RFC 5425 requires it for TLS. */
    OCTET_COUNTING,
    /** {@code <message> LF}: what old receivers expect; a line feed inside a message is sent as a space. */
    LF
}
