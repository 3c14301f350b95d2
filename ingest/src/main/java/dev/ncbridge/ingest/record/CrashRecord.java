package dev.ncbridge.ingest.record;

import dev.ncbridge.ingest.crash.CrashReport;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One kernel report (an oops, a panic, a warning...) a source sent, gathered from its lines and
 * parsed. The decoder emits it in addition to the lines themselves, which go out as
 * {@link KernelMessage}s as they arrive: nothing is held back for it.
 *
 * @param receivedAtNanos when the bridge received the report's last line
 * @param format the format of the target the lines came from
 * @param report the report: kind, title, fields, frames, where in the stream, and its full text
 */
public record CrashRecord(long receivedAtNanos, InetSocketAddress source, String hostName, Format format,
                          CrashReport report) implements Record {
    public static final String KIND = "crash";

    public CrashRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(report, "report");
    }

    /** The report's title: its first line. */
    @Override
    public String message() {
        return report.title();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String toString() {
        return "CrashRecord{" + source + ' ' + report.kind().wireName() + " '" + report.title() + "'}";
    }
}
