package dev.ncbridge.sink.syslog;

/** What the UDP transport does with a message larger than {@code max_message_size}. */
enum Oversize {
    /** Sends the first part of the MSG that fits, cut at a character boundary. */
    TRUNCATE,
    /** Sends the MSG in as many datagrams as it takes, each with the full header. */
    SPLIT
}
