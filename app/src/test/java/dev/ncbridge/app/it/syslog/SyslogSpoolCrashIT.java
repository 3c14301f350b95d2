package dev.ncbridge.app.it.syslog;

import static org.awaitility.Awaitility.await;

import dev.ncbridge.app.testing.BridgeProcess;
import dev.ncbridge.app.testing.SpoolCrash;
import dev.ncbridge.ingest.testing.RealServers;
import dev.ncbridge.sink.syslog.testing.Received;
import dev.ncbridge.sink.syslog.testing.Rsyslog;
import dev.ncbridge.sink.syslog.testing.Rsyslog.Listener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kill -9} scenario ({@link SpoolCrash}) for a syslog sink over TCP: rsyslog down while
 * the messages are spooled, the bridge killed, rsyslog started, the bridge started again; once
 * as it is, once with the spool files damaged in between.
 */
class SyslogSpoolCrashIT {
    private static final Pattern SEQ = Pattern.compile("\\bseq=\"(\\d+)\"");

    @TempDir
    Path dir;
    @RegisterExtension
    final RealServers servers = new RealServers();
    private Rsyslog rsyslog;
    private SpoolCrash crash;

    @AfterEach
    void stop() {
        if (crash != null) {
            crash.close();
        }
    }

    @Test
    void everyMessageSpooledWhileRsyslogWasDownArrivesAfterAKill() throws Exception {
        spoolWithRsyslogDownAndKill();
        restartAndCheckDelivery("syslog");
    }

    /**
     * The same with the spool damaged between the runs (a torn last segment, flipped bytes in
     * another): the bridge starts, every intact message arrives and the two lost are counted.
     * Syslog stands for every sink here: the spool belongs to the runner, the same for all.
     */
    @Test
    void aDamagedSpoolStillStartsAndDeliversEveryIntactMessage() throws Exception {
        spoolWithRsyslogDownAndKill();
        crash.damageSpool();
        restartAndCheckDelivery("syslog, damaged spool");
    }

    private void spoolWithRsyslogDownAndKill() throws Exception {
        rsyslog = servers.start(Rsyslog::start);
        rsyslog.stop();
        crash = new SpoolCrash(dir, """
                    type: syslog
                    address: "127.0.0.1:%d"
                    transport: tcp
                    format: rfc5424
                """.formatted(rsyslog.port(Listener.TCP)));
        crash.spoolAndKill();
    }

    private void restartAndCheckDelivery(String label) throws Exception {
        rsyslog.restart();
        BridgeProcess again = crash.restart();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> crash.allArrived(seqsByHost().values()));
        crash.assertEveryIntactMessageArrived(label, seqsByHost().values());
        crash.stopAndCheckAccounting(again);
    }

    private Map<String, List<Long>> seqsByHost() {
        Map<String, List<Long>> out = new HashMap<>();
        for (Received r : rsyslog.received(Listener.TCP)) {
            Matcher m = SEQ.matcher(r.structuredData());
            if (m.find()) {
                out.computeIfAbsent(r.hostname(), k -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
            }
        }
        return out;
    }
}
