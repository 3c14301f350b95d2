package dev.ncbridge.app.it.syslog;

import dev.ncbridge.app.testing.SpoolOutage;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.syslog.testing.Received;
import dev.ncbridge.sink.syslog.testing.Rsyslog;
import dev.ncbridge.sink.syslog.testing.Rsyslog.Listener;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 60-second outage ({@link SpoolOutage}) for a syslog sink over TCP, rsyslog stopped and
 * started: with ample spool, and with a spool too small for it.
 */
class SyslogSpoolOutageIT {
    private static final Pattern SEQ = Pattern.compile("\\bseq=\"(\\d+)\"");

    @TempDir
    Path dir;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private Rsyslog rsyslog;
    private SpoolOutage outage;

    @AfterEach
    void stop() {
        if (outage != null) {
            outage.close();
        }
    }

    @Test
    void nothingIsLostOverAMinuteWithoutRsyslog() throws Exception {
        rsyslog = servers.start(Rsyslog::start);
        outage = new SpoolOutage(dir, sinkKeys());
        outage.run(rsyslog::stop, rsyslog::restart);
        outage.assertNothingLost(this::delivered);
    }

    /**
     * The same with 1 MiB of spool, where the outage needs about 25 MB: {@code when_full: drop_oldest}
     * evicts whole segments, and what arrives plus what is counted evicted is every message.
     */
    @Test
    void aSpoolTooSmallForTheOutageEvictsTheOldestAndCountsEveryRecordItDrops() throws Exception {
        rsyslog = servers.start(Rsyslog::start);
        outage = new SpoolOutage(dir, sinkKeys(), "max_size: 1MiB, when_full: drop_oldest");
        outage.run(rsyslog::stop, rsyslog::restart);
        outage.assertEveryMessageDeliveredOrCountedDropped(this::delivered, "evicted");
    }

    private String sinkKeys() {
        return """
                    type: syslog
                    address: "127.0.0.1:%d"
                    transport: tcp
                    format: rfc5424
                """.formatted(rsyslog.port(Listener.TCP));
    }

    /** Distinct (host, seq) pairs rsyslog received. */
    private long delivered() {
        Set<String> seen = new HashSet<>();
        for (Received r : rsyslog.received(Listener.TCP)) {
            Matcher m = SEQ.matcher(r.structuredData());
            if (m.find()) {
                seen.add(r.hostname() + "/" + m.group(1));
            }
        }
        return seen.size();
    }
}
