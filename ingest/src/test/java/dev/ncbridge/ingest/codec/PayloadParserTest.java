package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.KeyValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadParserTest {
    private final PayloadParser parser = new PayloadParser(64);
    private final ExtendedPayload p = new ExtendedPayload();

    /** Parses {@code payload} from the middle of a larger buffer, to catch offset mistakes. */
    private ExtendedPayload parse(String payload) {
        byte[] b = payload.getBytes(StandardCharsets.UTF_8);
        byte[] buf = new byte[b.length + 6];
        java.util.Arrays.fill(buf, (byte) '\n');
        System.arraycopy(b, 0, buf, 3, b.length);
        parser.parse(buf, 3, 3 + b.length, p);
        return p;
    }

    private static KeyValue kv(String k, String v) {
        return new KeyValue(k, v);
    }

    @Test
    void bodyWithoutDictionary() {
        parse("plain message");
        assertThat(p.message).isEqualTo("plain message");
        assertThat(p.userdata).isNull();
        assertThat(p.subsystem).isNull();
        assertThat(p.device).isNull();
        assertThat(p.cpu).isEqualTo(ExtendedPayload.ABSENT);
        assertThat(p.msgid).isEqualTo(ExtendedPayload.ABSENT);
        assertThat(p.taskname).isNull();
        assertThat(p.release).isNull();
    }

    @Test
    void trailingNewlineEndsTheBody() {
        assertThat(parse("message\n").message).isEqualTo("message");
        assertThat(p.userdata).isNull();
    }

    @Test
    void bodyIsUnescapedThenDecoded() {
        assertThat(parse("h\\xc3\\xa9llo\\x0aline two \\x5c \\xe2\\x82\\xac\n").message)
                .isEqualTo("h\u00e9llo\nline two \\ \u20ac");
    }

    @Test
    void bodyLongerThanTheScratchBufferIsStillUnescaped() {
        String euro = "\\xe2\\x82\\xac".repeat(50); // 600 bytes against a 64-byte scratch
        assertThat(parse(euro + "\n").message).isEqualTo("\u20ac".repeat(50));
    }

    @Test
    void deviceInfoIsUnescaped() {
        parse("pci 0000:00:02.0: BAR 0\n SUBSYSTEM=pci\n DEVICE=+pci:0000:00:02.0\n");
        assertThat(p.message).isEqualTo("pci 0000:00:02.0: BAR 0");
        assertThat(p.subsystem).isEqualTo("pci");
        assertThat(p.device).isEqualTo("+pci:0000:00:02.0");
        assertThat(p.userdata).isNull();

        parse("x\n DEVICE=c4:\\xc3\\xa9=1\n SUBSYSTEM=net\n");
        assertThat(p.device).isEqualTo("c4:\u00e9=1");
        assertThat(p.subsystem).isEqualTo("net");
    }

    @Test
    void userdataInOrderWithRepeatedKeysKept() {
        parse("msg\n foo=bar\n host=qemu-guest-01\n foo=baz\n empty=\n a=b=c\n");
        assertThat(p.userdata).containsExactly(kv("foo", "bar"), kv("host", "qemu-guest-01"), kv("foo", "baz"),
                kv("empty", ""), kv("a", "b=c"));
    }

    @Test
    void userdataIsVerbatimNotUnescaped() {
        parse("msg\n path=C:\\x41\\dir\n name=h\u00e9llo\n");
        assertThat(p.userdata).containsExactly(kv("path", "C:\\x41\\dir"), kv("name", "h\u00e9llo"));
    }

    @Test
    void lineWithoutEqualsSignIsKeptAsAKeyWithNoValue() {
        parse("msg\n lonely\n");
        assertThat(p.userdata).containsExactly(kv("lonely", ""));
    }

    @Test
    void sysdataAsTheTrailingLines() {
        parse("msg\n SUBSYSTEM=pci\n DEVICE=+pci:0\n foo=bar\n cpu=42\n taskname=echo\n release=6.14.0\n msgid=7\n");
        assertThat(p.subsystem).isEqualTo("pci");
        assertThat(p.userdata).containsExactly(kv("foo", "bar"));
        assertThat(p.cpu).isEqualTo(42);
        assertThat(p.taskname).isEqualTo("echo");
        assertThat(p.release).isEqualTo("6.14.0");
        assertThat(p.msgid).isEqualTo(7);
    }

    @Test
    void eachSysdataLineIsOptional() {
        parse("msg\n taskname=kworker/0:1\n msgid=4294967295\n");
        assertThat(p.userdata).isNull();
        assertThat(p.cpu).isEqualTo(ExtendedPayload.ABSENT);
        assertThat(p.taskname).isEqualTo("kworker/0:1");
        assertThat(p.release).isNull();
        assertThat(p.msgid).isEqualTo(4_294_967_295L);
    }

    @Test
    void userCpuBeforeTheKernelsStaysUserdata() {
        // Documentation/networking/netconsole.rst: both are reported, the kernel's after the user's.
        parse("This is a message\n cpu=1\n cpu=42\n");
        assertThat(p.userdata).containsExactly(kv("cpu", "1"));
        assertThat(p.cpu).isEqualTo(42);
    }

    @Test
    void userCpuFollowedByOtherUserdataStaysUserdata() {
        parse("msg\n cpu=1\n foo=bar\n");
        assertThat(p.userdata).containsExactly(kv("cpu", "1"), kv("foo", "bar"));
        assertThat(p.cpu).isEqualTo(ExtendedPayload.ABSENT);

        parse("msg\n cpu=1\n foo=bar\n cpu=3\n msgid=9\n");
        assertThat(p.userdata).containsExactly(kv("cpu", "1"), kv("foo", "bar"));
        assertThat(p.cpu).isEqualTo(3);
        assertThat(p.msgid).isEqualTo(9);
    }

    @Test
    void sysdataKeysOutOfTheKernelsOrderAreUserdata() {
        // The kernel writes cpu, taskname, release, msgid in that order: msgid before cpu is the user's.
        parse("msg\n msgid=5\n cpu=2\n");
        assertThat(p.userdata).containsExactly(kv("msgid", "5"));
        assertThat(p.cpu).isEqualTo(2);
        assertThat(p.msgid).isEqualTo(ExtendedPayload.ABSENT);

        parse("msg\n taskname=mine\n taskname=echo\n");
        assertThat(p.userdata).containsExactly(kv("taskname", "mine"));
        assertThat(p.taskname).isEqualTo("echo");
    }

    @Test
    void nonNumericCpuOrMsgidIsNotSysdata() {
        parse("msg\n cpu=all\n");
        assertThat(p.userdata).containsExactly(kv("cpu", "all"));
        assertThat(p.cpu).isEqualTo(ExtendedPayload.ABSENT);

        parse("msg\n cpu=1\n msgid=\n");
        assertThat(p.userdata).containsExactly(kv("cpu", "1"), kv("msgid", ""));
        assertThat(p.msgid).isEqualTo(ExtendedPayload.ABSENT);
    }

    @Test
    void deviceKeysAfterUserdataAreUserdata() {
        parse("msg\n foo=bar\n SUBSYSTEM=pci\n");
        assertThat(p.subsystem).isNull();
        assertThat(p.userdata).containsExactly(kv("foo", "bar"), kv("SUBSYSTEM", "pci"));
    }

    @Test
    void fieldsOfTheLastParseAreCleared() {
        parse("msg\n SUBSYSTEM=pci\n foo=bar\n cpu=1\n taskname=x\n release=1\n msgid=2\n");
        parse("next");
        assertThat(p.subsystem).isNull();
        assertThat(p.userdata).isNull();
        assertThat(p.cpu).isEqualTo(ExtendedPayload.ABSENT);
        assertThat(p.taskname).isNull();
        assertThat(p.release).isNull();
        assertThat(p.msgid).isEqualTo(ExtendedPayload.ABSENT);
    }

    @Test
    void linesWithoutLeadingSpaceAndBlankLinesAreTolerated() {
        parse("msg\nfoo=bar\n\n \n cpu=3\n");
        assertThat(p.userdata).containsExactly(kv("foo", "bar"));
        assertThat(p.cpu).isEqualTo(3);
    }

    @Test
    void lastLineWithoutNewline() {
        parse("msg\n foo=bar\n msgid=12");
        assertThat(p.userdata).containsExactly(kv("foo", "bar"));
        assertThat(p.msgid).isEqualTo(12);
    }

    @Test
    void emptyBody() {
        parse("\n cpu=0\n");
        assertThat(p.message).isEmpty();
        assertThat(p.cpu).isZero();
        assertThat(parse("").message).isEmpty();
    }
}
