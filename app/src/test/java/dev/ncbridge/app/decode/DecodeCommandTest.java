package dev.ncbridge.app.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.app.CommandRun;
import dev.ncbridge.app.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] HELLO = bytes("6,1,100,-;hello\n");
    /** 2026-11-22T02:20:22Z, in nanoseconds since the epoch. */
    private static final long T0 = 1_795_314_022_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aDatagramOnStandardInputPrintsOneTextLine() {
        CommandRun run = CommandRun.withInput(HELLO, "decode", "--format", "text");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.lines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z 127\\.0\\.0\\.1 kern\\.info \\[0\\.000100\\]"
                        + " seq=1 hello");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void aDashReadsStandardInputAndSourceNamesTheSender() throws IOException {
        CommandRun run = CommandRun.withInput(HELLO, "decode", "--source", "[2001:db8::5]:6000", "-");

        JsonNode r = MAPPER.readTree(run.lines().get(0));
        assertThat(r.path("message").asText()).isEqualTo("hello");
        assertThat(r.path("source").path("ip").asText()).isEqualTo("2001:db8::5");
        assertThat(r.path("source").path("port").asInt()).isEqualTo(6000);
    }

    @Test
    void rawFormatPrintsThePayloadAndANewline() {
        CommandRun run = CommandRun.withInput(HELLO, "decode", "--format", "raw");

        assertThat(run.out()).isEqualTo("6,1,100,-;hello\n\n");
    }

    @Test
    void aMalformedDatagramExitsOneWithTheReasonOnStandardError() {
        CommandRun run = CommandRun.withInput(bytes("6,1,100,-,ncfrag=x/3;hello"), "decode");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("ncbridge decode: 1 of 1 datagrams malformed (bad_fragment_field 1)\n");
    }

    @Test
    void statsListMalformedDatagramsByReason() {
        CommandRun run = CommandRun.withInput(new byte[0], "decode", "--stats");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.stderr()).containsPattern("(?m)^\\s+datagrams\\s+1$")
                .containsPattern("(?m)^\\s+malformed\\s+1$")
                .containsPattern("(?m)^\\s+empty\\s+1$")
                .containsPattern("(?m)^\\s+fragment_overlap\\s+0$")
                .contains("1 of 1 datagrams malformed (empty 1)");
    }

    @Test
    void aMissingFileExitsTwoNamingTheFile() {
        Path missing = dir.resolve("missing.jsonl");

        CommandRun run = CommandRun.of("decode", missing.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stderr()).isEqualTo("ncbridge decode: " + missing + ": no such file\n");
    }

    @Test
    void anUnknownFormatIsAUsageErrorListingTheChoices() {
        CommandRun run = CommandRun.withInput(HELLO, "decode", "--format", "yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stderr()).contains("unknown encoding 'yaml'", "json, text, raw", "Try 'ncbridge decode --help'");
    }

    @Test
    void theFileNameChoosesTheInputKindUnlessInputSaysOtherwise() throws IOException {
        Path datagram = Files.write(dir.resolve("hello.bin"), HELLO);
        Path capture = Files.writeString(dir.resolve("hello.jsonl"), captureLine(16666, T0, HELLO));
        Path captureByAnyName = Files.writeString(dir.resolve("hello.txt"), captureLine(16666, T0, HELLO));

        assertThat(messageFrom(CommandRun.of("decode", datagram.toString()))).isEqualTo("hello");
        assertThat(messageFrom(CommandRun.of("decode", capture.toString()))).isEqualTo("hello");
        assertThat(messageFrom(CommandRun.of("decode", "--input", "capture", captureByAnyName.toString())))
                .isEqualTo("hello");
    }

    @Test
    void capturedTimesDriveTimeouts() throws IOException {
        // A legacy line without its newline waits for the rest; five seconds later another
        // source's datagram arrives, by which time the line has timed out and must come first.
        Path capture = Files.writeString(dir.resolve("timeout.jsonl"),
                captureLine(16668, T0, bytes("[    1.000000] partial"))
                        + captureLine(16669, T0 + 5_000_000_000L, bytes("[    2.000000] complete\n")));

        CommandRun run = CommandRun.of("decode", "--format", "text", capture.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).endsWith("[1.000000] partial (incomplete)");
        assertThat(run.lines().get(1)).endsWith("[2.000000] complete");
    }

    @Test
    void aBadCaptureLineExitsTwoNamingFileAndLineAfterPrintingWhatCameBefore() throws IOException {
        Path capture = Files.writeString(dir.resolve("bad.jsonl"),
                captureLine(16668, T0, bytes("[    1.000000] first\n")) + "{\"port\": 16668}\n");

        CommandRun run = CommandRun.of("decode", "--format", "text", capture.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stderr()).startsWith("ncbridge decode: " + capture + ": line 2: missing or invalid recv_ns");
        assertThat(run.lines()).singleElement().asString().endsWith("first");
    }

    @Test
    void inputTooLargeForADatagramIsAnInputError() {
        CommandRun run = CommandRun.withInput(new byte[SingleDatagramReader.MAX_DATAGRAM_BYTES + 1], "decode");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_IO);
        assertThat(run.stderr()).startsWith("ncbridge decode: standard input: more than 65535 bytes");
    }

    private static String messageFrom(CommandRun run) throws IOException {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.OK);
        return MAPPER.readTree(run.lines().get(0)).path("message").asText();
    }

    private static String captureLine(int port, long receivedAtNanos, byte[] payload) {
        return "{\"i\": 0, \"port\": " + port + ", \"recv_ns\": " + receivedAtNanos + ", \"len\": " + payload.length
                + ", \"payload_b64\": \"" + Base64.getEncoder().encodeToString(payload) + "\"}\n";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
