package dev.ncbridge.sink.syslog.testing;

/**
 * One message as rsyslog parsed it: its properties {@code pri}, {@code hostname},
 * {@code app-name}, {@code procid}, {@code msgid}, {@code structured-data}, {@code msg} and
 * {@code timereported} (RFC 3339).
 */
public record Received(int pri, String hostname, String appName, String procid, String msgid,
                       String structuredData, String msg, String timestamp) {
}
