package dev.ncbridge.sink.syslog;

/** The syslog message format the sink writes. */
enum SyslogFormat {
    /** The syslog protocol: header with full timestamp, MSGID and structured data. */
    RFC5424,
    /** The BSD syslog format: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: MSG}. */
    RFC3164
}
