package dev.ncbridge.app.send;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.CommandRun;
import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.record.Format;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncbridge send} to a socket of the test's own, decoded again with the bridge's decoder. */
class SendCommandTest {
    private DatagramSocket receiver;
    private String to;

    @BeforeEach
    void bind() throws Exception {
        receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver.setSoTimeout(5000);
        to = "127.0.0.1:" + receiver.getLocalPort();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    /** One received datagram: its bytes and its sender. */
    record Received(byte[] payload, InetSocketAddress source) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private List<Received> receive(int n) throws Exception {
        List<Received> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            receiver.receive(p);
            out.add(new Received(Arrays.copyOf(p.getData(), p.getLength()), (InetSocketAddress) p.getSocketAddress()));
        }
        return out;
    }

    private void assertNothingMore() throws Exception {
        receiver.setSoTimeout(200);
        try {
            receiver.receive(new DatagramPacket(new byte[65536], 65536));
            throw new AssertionError("an unexpected datagram arrived");
        } catch (SocketTimeoutException expected) {
            // nothing more was sent
        }
    }

    private static List<KernelMessage> decode(List<Received> datagrams) {
        NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(new DecodeCounters());
        List<Record> out = new ArrayList<>();
        long now = 1_000_000_000L;
        for (Received d : datagrams) {
            decoder.decode(d.payload(), 0, d.payload().length, d.source(), now++, out::add);
        }
        decoder.flushAll(now, out::add);
        assertThat(decoder.counters().malformedTotal()).isZero();
        return out.stream().filter(KernelMessage.class::isInstance).map(KernelMessage.class::cast).toList();
    }

    @Test
    void sendsExtendedMessagesThatDecodeBackToTheirFields() throws Exception {
        CommandRun run = CommandRun.of("send", "--to", to, "--level", "err", "--facility", "user", "--seq", "41",
                "--ts-us", "123456789", "--release", "6.9.0-test", "--userdata", "rack=r12", "--userdata", "cpu=user",
                "--cpu", "3", "--taskname", "kworker/3:1", "--sysdata-release", "6.9.0-test", "--msgid", "7",
                "--subsystem", "pci", "--device", "+pci:0000:00:1f.2",
                "disk on fire \u00e9\\ \t", "second");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isZero();
        List<Received> got = receive(2);
        assertNothingMore();
        assertThat(got.get(0).text()).isEqualTo("6.9.0-test,11,41,123456789,-;disk on fire \\xc3\\xa9\\x5c \\x09\n"
                + " SUBSYSTEM=pci\n DEVICE=+pci:0000:00:1f.2\n rack=r12\n cpu=user\n cpu=3\n taskname=kworker/3:1\n"
                + " release=6.9.0-test\n msgid=7\n");
        List<KernelMessage> records = decode(got);
        assertThat(records).hasSize(2);
        KernelMessage r = records.get(0);
        assertThat(r.format()).isEqualTo(Format.EXTENDED);
        assertThat(r.message()).isEqualTo("disk on fire \u00e9\\ \t");
        assertThat(r.extended().level()).isEqualTo(3);
        assertThat(r.extended().facility()).isEqualTo(1);
        assertThat(r.extended().seq()).isEqualTo(41);
        assertThat(r.kernelTsUs()).isEqualTo(123456789);
        assertThat(r.extended().release()).isEqualTo("6.9.0-test");
        assertThat(r.extended().userdata()).containsExactly(new KeyValue("rack", "r12"), new KeyValue("cpu", "user"));
        assertThat(r.extended().sysdata().cpu()).isEqualTo(3);
        assertThat(r.extended().sysdata().taskname()).isEqualTo("kworker/3:1");
        assertThat(r.extended().sysdata().msgid()).isEqualTo(7);
        assertThat(r.extended().device().subsystem()).isEqualTo("pci");
        assertThat(r.extended().device().device()).isEqualTo("+pci:0000:00:1f.2");
        assertThat(records.get(1).message()).isEqualTo("second");
        assertThat(records.get(1).extended().seq()).isEqualTo(42);
        assertThat(records.get(1).extended().sysdata().msgid()).isEqualTo(8);
    }

    @Test
    void longMessagesAreFragmentedAndReassemble() throws Exception {
        String body = "x".repeat(2500);
        CommandRun run = CommandRun.of("send", "--to", to, "--userdata", "foo=bar", "--msgid", "1", body);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Received> got = receive(3);
        assertNothingMore();
        assertThat(got).allSatisfy(d -> assertThat(d.payload().length).isLessThanOrEqualTo(1000));
        assertThat(got.get(0).text()).startsWith("6,0,").contains(",-,ncfrag=0/");
        List<KernelMessage> records = decode(got);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).message()).isEqualTo(body);
        assertThat(records.get(0).fragments()).isEqualTo(3);
        assertThat(records.get(0).extended().userdata()).containsExactly(new KeyValue("foo", "bar"));
    }

    @Test
    void legacyLinesCarryThePrintkTimeAndAreCutAt1000Bytes() throws Exception {
        String body = "y".repeat(1200);
        CommandRun run = CommandRun.of("send", "--to", to, "--legacy", "--ts-us", "6162498", "short", body);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<Received> got = receive(3);
        assertNothingMore();
        assertThat(got.get(0).text()).isEqualTo("[    6.162498] short\n");
        assertThat(got.get(1).payload()).hasSize(1000);
        List<KernelMessage> records = decode(got);
        assertThat(records).extracting(Record::message).containsExactly("short", body);
        assertThat(records.get(1).kernelTsUs()).isEqualTo(6162498);
    }

    @Test
    void messagesComeFromStdinOrAFileWhenNoneAreGiven(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.withInput("one\ntwo\n".getBytes(StandardCharsets.UTF_8), "send", "--to", to);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(decode(receive(2))).extracting(Record::message).containsExactly("one", "two");
        Path file = dir.resolve("messages.txt");
        Files.writeString(file, "three\n");
        run = CommandRun.of("send", "--to", to, "--file", file.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(decode(receive(1))).extracting(Record::message).containsExactly("three");
    }

    @Test
    void sendsFromTheGivenLocalPort() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        CommandRun run = CommandRun.of("send", "--to", to, "--from", "127.0.0.1:" + port, "hi");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(receive(1).get(0).source().getPort()).isEqualTo(port);
    }

    @Test
    void badReceiverAddressIsAUsageError() {
        CommandRun run = CommandRun.of("send", "--to", "nowhere", "hi");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("'nowhere' is not ADDR:PORT").doesNotContain("Exception");
    }

    @Test
    void unknownLevelNameIsAUsageError() {
        CommandRun run = CommandRun.of("send", "--to", to, "--level", "loud", "hi");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("unknown severity 'loud'").doesNotContain("Exception");
    }

    @Test
    void otherBadOptionsAreUsageErrors() {
        assertThat(CommandRun.of("send", "--to", to, "--facility", "nope", "hi").stderr())
                .contains("unknown facility 'nope'");
        assertThat(CommandRun.of("send", "--to", to, "--cont", "x", "hi").exitCode()).isEqualTo(2);
        CommandRun run = CommandRun.of("send", "--to", to, "--userdata", "novalue", "hi");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("is not KEY=VALUE");
    }

    @Test
    void missingFileIsAnIoError() {
        CommandRun run = CommandRun.of("send", "--to", to, "--file", "/nonexistent/messages.txt");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("ncbridge send: /nonexistent/messages.txt: no such file\n");
    }
}
