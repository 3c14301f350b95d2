package dev.ncbridge.app.route;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;

/** Records for routing tests: a kern.err message from web-1 (10.1.2.3) unless changed. */
final class TestRecords {
    static final InetSocketAddress SOURCE = new InetSocketAddress("10.1.2.3", 6665);

    private TestRecords() {
    }

    static Records.MessageBuilder message() {
        return Records.extended().message("eth0: link down").source(SOURCE).hostName("web-1").level(3).facility(0);
    }

    static Record level(int level) {
        return message().level(level).build();
    }

    /** A legacy line: no level, no facility. */
    static Record legacy() {
        return Records.legacy().message("eth0: link down").source(SOURCE).hostName("web-1").build();
    }

    static Record event(EventType type) {
        return Records.event(type).message(type.wireName()).source(SOURCE).hostName("web-1").build();
    }

    /** A message with userdata given as key, value, key, value... */
    static Record userdata(String... keysAndValues) {
        return message().userdata(Records.userdata(keysAndValues)).build();
    }
}
