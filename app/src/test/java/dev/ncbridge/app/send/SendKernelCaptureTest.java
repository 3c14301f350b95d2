package dev.ncbridge.app.send;

import static dev.ncbridge.ingest.testing.KernelCaptures.EXTENDED_RELEASE_PORT;
import static dev.ncbridge.ingest.testing.KernelCaptures.EXTENDED_USERDATA_PORT;
import static dev.ncbridge.ingest.testing.KernelCaptures.LEGACY_PARAM_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.codec.DecodeCounters;
import dev.ncbridge.ingest.codec.NetconsoleDecoder;
import dev.ncbridge.ingest.record.Device;
import dev.ncbridge.ingest.record.KernelMessage;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.Sysdata;
import dev.ncbridge.ingest.testing.KernelCaptures;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encoder against the real kernel: every captured extended message, decoded to its fields and
 * encoded again, gives back the captured datagrams byte for byte.
 */
class SendKernelCaptureTest {

    /** One decoded message and the datagrams it arrived in. */
    record Captured(KernelMessage record, List<byte[]> datagrams) {
    }

    static List<Captured> messages(int port) {
        NetconsoleDecoder decoder = NetconsoleDecoder.withDefaults(new DecodeCounters());
        List<Captured> out = new ArrayList<>();
        List<byte[]> pending = new ArrayList<>();
        for (KernelCaptures.Datagram d : KernelCaptures.load(KernelCaptures.RECENT)) {
            if (d.port() != port) {
                continue;
            }
            pending.add(d.payload());
            List<Record> records = new ArrayList<>();
            decoder.decode(d.payload(), 0, d.payload().length, d.source(), d.receivedAtNanos(), records::add);
            for (Record r : records) {
                if (r instanceof KernelMessage m) {
                    out.add(new Captured(m, List.copyOf(pending)));
                    pending.clear();
                }
            }
        }
        return out;
    }

    /** The message's fields as the encoder takes them; the header release only on the +r target. */
    static ExtendedMessage fieldsOf(KernelMessage r, int port) {
        Device device = r.extended().device();
        Sysdata sysdata = r.extended().sysdata();
        ExtendedMessage.Builder b = ExtendedMessage.builder()
                .facility(r.extended().facility())
                .level(r.extended().level())
                .seq(r.extended().seq())
                .tsUs(r.kernelTsUs())
                .flag('-')
                .body(r.message().getBytes(StandardCharsets.UTF_8))
                .userdata(r.extended().userdata())
                .subsystem(device == null || device.subsystem() == null ? null
                        : device.subsystem().getBytes(StandardCharsets.UTF_8))
                .device(device == null || device.device() == null ? null
                        : device.device().getBytes(StandardCharsets.UTF_8))
                .cpu(sysdata == null ? null : sysdata.cpu())
                .taskname(sysdata == null ? null : sysdata.taskname())
                .msgid(sysdata == null ? null : sysdata.msgid());
        if (port == EXTENDED_RELEASE_PORT) {
            b.release(r.extended().release());
        } else {
            b.sysdataRelease(r.extended().release());
        }
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(ints = {EXTENDED_RELEASE_PORT, EXTENDED_USERDATA_PORT})
    void everyExtendedMessageIsEncodedAsTheKernelSentIt(int port) {
        List<Captured> messages = messages(port);
        assertThat(messages).hasSizeGreaterThan(port == EXTENDED_RELEASE_PORT ? 600 : 200);
        int fragmented = 0;
        for (Captured c : messages) {
            if (c.record().message().startsWith("NCB-LONGUTF8")) {
                // The kernel cut this record mid-escape; the lone '\' it left cannot be re-escaped to itself.
                continue;
            }
            List<byte[]> encoded = NetconsoleEncoder.extended(fieldsOf(c.record(), port));
            assertThat(strings(encoded)).as("%s", c.record()).isEqualTo(strings(c.datagrams()));
            fragmented += c.datagrams().size() > 1 ? 1 : 0;
        }
        assertThat(fragmented).as("NCB-LONG1000 at least").isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {EXTENDED_RELEASE_PORT, EXTENDED_USERDATA_PORT})
    void theLongMessageIsFragmentedAtTheKernelsOffsets(int port) {
        Captured c = only(messages(port), "NCB-LONG1000");
        List<byte[]> encoded = NetconsoleEncoder.extended(fieldsOf(c.record(), port));
        assertThat(encoded).hasSize(2);
        assertThat(encoded.get(0)).hasSize(1000);
        assertThat(strings(encoded)).isEqualTo(strings(c.datagrams()));
        assertThat(new String(encoded.get(1), StandardCharsets.US_ASCII))
                .contains(port == EXTENDED_RELEASE_PORT ? ",ncfrag=951/1014;" : ",ncfrag=969/1102;");
    }

    @Test
    void legacyLongLineIsCutIntoTheKernelsChunks() {
        List<byte[]> captured = new ArrayList<>();
        for (KernelCaptures.Datagram d : KernelCaptures.load(KernelCaptures.RECENT)) {
            if (d.port() == LEGACY_PARAM_PORT
                    && (!captured.isEmpty() && captured.size() < 2 || contains(d.payload(), "NCB-LONG1000"))) {
                captured.add(d.payload());
            }
        }
        Captured extended = only(messages(EXTENDED_RELEASE_PORT), "NCB-LONG1000");
        byte[] text = NetconsoleEncoder.consoleText(extended.record().kernelTsUs(),
                extended.record().message().getBytes(StandardCharsets.UTF_8));
        List<byte[]> encoded = NetconsoleEncoder.legacy(text);
        assertThat(encoded).hasSize(2);
        assertThat(encoded.get(0)).isEqualTo(captured.get(0));
        assertThat(new String(captured.get(1), StandardCharsets.UTF_8))
                .startsWith(new String(encoded.get(1), StandardCharsets.UTF_8));
    }

    private static Captured only(List<Captured> messages, String prefix) {
        List<Captured> found = messages.stream().filter(c -> c.record().message().startsWith(prefix)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static boolean contains(byte[] payload, String s) {
        return new String(payload, StandardCharsets.ISO_8859_1).contains(s);
    }

    /** Byte arrays as Latin-1 strings: exact, and readable in a failure message. */
    private static List<String> strings(List<byte[]> datagrams) {
        return datagrams.stream().map(d -> new String(d, StandardCharsets.ISO_8859_1)).toList();
    }
}
