package dev.ncbridge.sink.syslog;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.DataSize;
import dev.ncbridge.ingest.record.Facility;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The syslog sink's settings, checked, with every default applied.
 *
 * @param facility the facility that replaces the record's, or -1 to keep the record's
 */
record SyslogOptions(SyslogAddress address, Transport transport, SyslogFormat format, Framing framing, int facility,
                     String appName, String sdId, boolean utf8Bom, int maxMessageSize, Oversize oversize,
                     Duration connectTimeout, Duration writeTimeout, Duration keepalive, Duration replayWindow,
                     long replayBuffer, TlsOptions tls) {

    /** The SD-ID under the IANA example enterprise number (RFC 5612), as RFC 5424 requires of private IDs. */
    static final String DEFAULT_SD_ID = "netconsole@32473";
    /** RFC 5426: every receiver SHOULD take 2048 bytes; far more than a kernel message needs. */
    static final int DEFAULT_MAX_MESSAGE_SIZE = 2048;
    /** RFC 5426: every receiver MUST take 480 bytes. */
    static final int MIN_MESSAGE_SIZE = 480;
    /** The largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65_507;

    /**
     * @param caFile trusted certificates, or null for the JDK's trust store
     * @param certFile client certificate chain, or null
     * @param keyFile client key, or null
     * @param serverName the name to verify and send as SNI
     */
    record TlsOptions(Path caFile, Path certFile, Path keyFile, boolean verifyHostname, String serverName) {
    }

    /** Binds and checks a syslog sink's section; every problem is reported at its key's line, all at once. */
    static SyslogOptions from(ConfigSection section) {
        SyslogSettings s = section.bind(SyslogSettings.class);
        List<ConfigProblem> problems = new ArrayList<>();
        SyslogAddress address = null;
        if (s.address() == null || s.address().isBlank()) {
            problems.add(section.problem("address", "required: the syslog server, as logs:6514"));
        } else {
            try {
                address = SyslogAddress.parse(s.address());
            } catch (IllegalArgumentException e) {
                problems.add(section.problem("address", e.getMessage()));
            }
        }
        Transport transport = s.transport() == null ? Transport.TCP : s.transport();
        SyslogFormat format = s.format() == null ? SyslogFormat.RFC5424 : s.format();
        boolean stream = transport.isStream();
        onlyWhen(problems, section, "framing", s.framing(), stream, "transport tcp or tls");
        onlyWhen(problems, section, "connect_timeout", s.connectTimeout(), stream, "transport tcp or tls");
        onlyWhen(problems, section, "write_timeout", s.writeTimeout(), stream, "transport tcp or tls");
        onlyWhen(problems, section, "keepalive", s.keepalive(), stream, "transport tcp or tls");
        onlyWhen(problems, section, "replay_window", s.replayWindow(), stream, "transport tcp or tls");
        onlyWhen(problems, section, "replay_buffer", s.replayBuffer(), stream, "transport tcp or tls");
        onlyWhen(problems, section, "max_message_size", s.maxMessageSize(), !stream, "transport udp");
        onlyWhen(problems, section, "oversize", s.oversize(), !stream, "transport udp");
        onlyWhen(problems, section, "tls", s.tls(), transport == Transport.TLS, "transport tls");
        onlyWhen(problems, section, "utf8_bom", s.utf8Bom(), format == SyslogFormat.RFC5424, "format rfc5424");

        int facility = -1;
        if (s.facility() != null) {
            try {
                facility = Facility.parse(s.facility());
                if (facility > SyslogPri.MAX_FACILITY) {
                    problems.add(section.problem("facility", "syslog facilities go up to 23 (local7), not " + facility));
                }
            } catch (IllegalArgumentException e) {
                problems.add(section.problem("facility", e.getMessage()));
            }
        }
        String appName = s.appName() == null ? "kernel" : s.appName();
        String appNameProblem = format == SyslogFormat.RFC5424 ? SyslogNames.checkAppName(appName)
                : SyslogNames.checkTag(appName);
        if (appNameProblem != null) {
            problems.add(section.problem("app_name", appNameProblem));
        }
        String sdId = s.sdId() == null ? DEFAULT_SD_ID : s.sdId();
        String sdIdProblem = SyslogNames.checkSdId(sdId);
        if (sdIdProblem != null) {
            problems.add(section.problem("sd_id", sdIdProblem));
        }
        if (s.sdId() != null && format == SyslogFormat.RFC3164) {
            problems.add(section.problem("sd_id", "applies to format rfc5424 only: rfc3164 has no structured data"));
        }
        int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        if (s.maxMessageSize() != null) {
            long bytes = s.maxMessageSize().bytes();
            if (bytes < MIN_MESSAGE_SIZE || bytes > MAX_DATAGRAM) {
                problems.add(section.problem("max_message_size", "must be from " + MIN_MESSAGE_SIZE + " to "
                        + MAX_DATAGRAM + " bytes (the largest UDP datagram)"));
            } else {
                maxMessageSize = (int) bytes;
            }
        }
        Duration connectTimeout = positive(problems, section, "connect_timeout", s.connectTimeout(), Duration.ofSeconds(5));
        Duration writeTimeout = positive(problems, section, "write_timeout", s.writeTimeout(), Duration.ofSeconds(10));
        Duration keepalive = positive(problems, section, "keepalive", s.keepalive(), Duration.ofSeconds(30));
        Duration replayWindow = s.replayWindow() == null ? Duration.ofSeconds(15) : s.replayWindow();
        if (replayWindow.isNegative()) {
            problems.add(section.problem("replay_window", "cannot be negative; 0 turns replay off"));
        }
        long replayBuffer = (s.replayBuffer() == null ? DataSize.parse("8MiB") : s.replayBuffer()).bytes();
        TlsOptions tls = transport == Transport.TLS ? tls(problems, section, s.tls(), address) : null;
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new SyslogOptions(address, transport, format, s.framing() == null ? Framing.OCTET_COUNTING : s.framing(),
                facility, appName, sdId, s.utf8Bom() != null && s.utf8Bom(), maxMessageSize,
                s.oversize() == null ? Oversize.TRUNCATE : s.oversize(), connectTimeout, writeTimeout, keepalive,
                replayWindow, replayBuffer, tls);
    }

    private static TlsOptions tls(List<ConfigProblem> problems, ConfigSection section, TlsSettings t,
                                  SyslogAddress address) {
        TlsSettings s = t == null ? new TlsSettings(null, null, null, null, null) : t;
        if ((s.certFile() == null) != (s.keyFile() == null)) {
            problems.add(section.child("tls").problem(s.certFile() == null ? "cert_file" : "key_file",
                    "cert_file and key_file go together: the client certificate and its private key"));
        }
        String serverName = s.serverName() != null ? s.serverName() : address == null ? null : address.host();
        return new TlsOptions(path(s.caFile()), path(s.certFile()), path(s.keyFile()), s.verifyHostname(), serverName);
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file);
    }

    private static void onlyWhen(List<ConfigProblem> problems, ConfigSection section, String key, Object value,
                                 boolean applies, String when) {
        if (value != null && !applies) {
            problems.add(section.problem(key, "applies to " + when + " only"));
        }
    }

    private static Duration positive(List<ConfigProblem> problems, ConfigSection section, String key, Duration value,
                                     Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isZero() || value.isNegative()) {
            problems.add(section.problem(key, "must be longer than 0"));
        }
        return value;
    }
}
