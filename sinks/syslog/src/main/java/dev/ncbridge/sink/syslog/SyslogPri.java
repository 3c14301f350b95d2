package dev.ncbridge.sink.syslog;

import dev.ncbridge.ingest.crash.CrashKind;
import dev.ncbridge.ingest.record.CrashRecord;
import dev.ncbridge.ingest.record.Extended;
import dev.ncbridge.ingest.record.Facility;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.record.Severity;
import dev.ncbridge.ingest.record.SourceEvent;

/**
 * The PRI value of a record: {@code facility * 8 + severity}.
 *
 * <p>The facility is the configured override, else the record's own; a record without one
 * (legacy console text, events) is {@code kern}, and a kernel facility above 23, which syslog
 * cannot carry, becomes {@code user}. A record without a level is {@code notice} (rsyslog's
 * choice for messages without PRI); events are {@code warning} when something was lost or went
 * silent and {@code notice} otherwise.
 */
final class SyslogPri {
    static final int MAX_FACILITY = 23;

    private final int facilityOverride;

    /** @param facilityOverride a facility 0..23 that replaces the record's, or -1 */
    SyslogPri(int facilityOverride) {
        this.facilityOverride = facilityOverride;
    }

    int of(Record r) {
        return facility(r) * 8 + severity(r);
    }

    private int facility(Record r) {
        if (facilityOverride >= 0) {
            return facilityOverride;
        }
        Extended x = Extended.of(r);
        if (x == null) {
            return Facility.KERN;
        }
        return x.facility() <= MAX_FACILITY ? x.facility() : Facility.USER;
    }

    private static int severity(Record r) {
        Extended x = Extended.of(r);
        if (x != null) {
            return x.level();
        }
        if (r instanceof SourceEvent e) {
            return switch (e.event().type()) {
                case LOSS, SOURCE_SILENT, UNEXPLAINED_REBOOT -> Severity.WARNING.code();
                default -> Severity.NOTICE.code();
            };
        }
        if (r instanceof CrashRecord c) {
            // A report the kernel said was fatal is as bad as it gets short of the bridge's own
            // emergencies; a WARN() is what it says.
            if (c.report().fatal()) {
                return Severity.CRIT.code();
            }
            return c.report().kind() == CrashKind.WARNING ? Severity.WARNING.code() : Severity.ERR.code();
        }
        return Severity.NOTICE.code();
    }
}
