package dev.ncbridge.sink.syslog;

import dev.ncbridge.config.DataSize;
import java.time.Duration;

/**
 * The syslog sink's keys as written in the configuration. Defaults that depend on other keys, and
 * checks that need more than a type, are applied by {@link SyslogOptions#from}, which can name
 * the offending key.
 *
 * @param address the server, as {@code logs:6514} or {@code [2001:db8::1]:514}
 * @param transport udp, tcp or tls
 * @param format rfc5424 or rfc3164
 * @param framing octet_counting or lf, for tcp and tls
 * @param facility a facility that replaces the record's own, as {@code local0}
 * @param appName APP-NAME (RFC 5424) or TAG (RFC 3164)
 * @param sdId the SD-ID of the structured-data element carrying the netconsole fields
 * @param utf8Bom start the MSG with a UTF-8 byte order mark, as RFC 5424 asks of UTF-8 text
 * @param maxMessageSize the largest datagram, for udp
 * @param oversize truncate or split a message larger than {@code maxMessageSize}, for udp
 * @param connectTimeout how long a TCP connect and TLS handshake may take
 * @param writeTimeout how long written data may stay unacknowledged before the connection counts as dead
 * @param keepalive idle time before TCP keepalive probes start
 * @param replayWindow records written this long before a lost connection was noticed are sent again
 * @param replayBuffer bytes of sent messages kept for replay at most
 * @param tls the TLS keys, for transport tls
 */
record SyslogSettings(String address, Transport transport, SyslogFormat format, Framing framing, String facility,
                      String appName, String sdId, Boolean utf8Bom, DataSize maxMessageSize, Oversize oversize,
                      Duration connectTimeout, Duration writeTimeout, Duration keepalive, Duration replayWindow,
                      DataSize replayBuffer, TlsSettings tls) {
}
