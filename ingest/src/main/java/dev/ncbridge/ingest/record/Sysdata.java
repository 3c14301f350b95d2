package dev.ncbridge.ingest.record;

/**
 * The sysdata a netconsole target appends to an extended message's dictionary; at least one of the
 * three is present. The boxed numbers cost nothing for messages without sysdata, whose record has
 * no {@code Sysdata} at all. The release, which the header prefix may carry too, is in
 * {@link Extended#release()}.
 *
 * @param cpu the CPU that printed the message, or {@code null}
 * @param taskname the task that printed it, or {@code null}
 * @param msgid the target's message counter, or {@code null}
 */
public record Sysdata(Integer cpu, String taskname, Long msgid) {
    public Sysdata {
        if (cpu == null && taskname == null && msgid == null) {
            throw new IllegalArgumentException("sysdata without cpu, taskname or msgid: use null");
        }
    }
}
