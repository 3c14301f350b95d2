package dev.ncbridge.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldsTest {
    private static final long T = Instant.parse("2026-11-21T10:15:30Z").getEpochSecond() * 1_000_000_000L
            + 123_456_789L;

    private static Record message() {
        return Records.full().receivedAtNanos(T).message("link up").source(new InetSocketAddress("2001:db8::5", 6665))
                .userdata(List.of(new KeyValue("rack", "r12"), new KeyValue("role", "db")))
                .raw("3,607,22085407756,-;link up\n".getBytes()).build();
    }

    private static Record event() {
        return Records.event(EventType.LOSS).format(null).receivedAtNanos(T).message("3 missing")
                .put("missing", 3).put("counter", "msgid").build();
    }

    @Test
    void theNamesRoutesAndTemplatesHaveAlwaysUsedFindTheirFields() {
        assertThat(Fields.named("host")).isSameAs(Fields.HOST);
        assertThat(Fields.named("ip")).isSameAs(Fields.IP);
        assertThat(Fields.named("level")).isSameAs(Fields.LEVEL);
        assertThat(Fields.named("facility")).isSameAs(Fields.FACILITY);
        assertThat(Fields.named("kind")).isSameAs(Fields.KIND);
        assertThat(Fields.named("event")).isSameAs(Fields.EVENT);
        assertThat(Fields.named("userdata")).isSameAs(Fields.USERDATA);
        assertThat(Fields.named("message")).isSameAs(Fields.MESSAGE);
    }

    @Test
    void everyFieldIsFoundByItsPathAndNoNameOrPathIsUsedTwice() {
        Set<String> keys = new HashSet<>();
        for (Field f : Fields.all()) {
            assertThat(Fields.named(f.path())).as(f.path()).isSameAs(f);
            assertThat(keys.add(f.path())).as("path %s used once", f.path()).isTrue();
            if (f.name() != null && !f.name().equals(f.path())) {
                assertThat(keys.add(f.name())).as("name %s used once", f.name()).isTrue();
            }
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheClosestOne() {
        assertThatThrownBy(() -> Fields.require("hots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown field \"hots\" (did you mean \"host\"?); fields: ");
        assertThat(Fields.require("event.sequence")).isSameAs(Fields.SEQ);
    }

    @Test
    void valuesAsTextAreThoseOfTheEncodedOutput() {
        Record r = message();
        assertThat(Fields.TIMESTAMP.text(r)).isEqualTo("2026-11-21T10:15:30.123456Z");
        assertThat(Fields.IP.text(r)).isEqualTo("2001:db8::5");
        assertThat(Fields.HOST.text(r)).isEqualTo("web-42");
        assertThat(Fields.LEVEL.text(r)).isEqualTo("err");
        assertThat(Fields.SEVERITY_NAME.text(r)).isEqualTo("Error");
        assertThat(Fields.FACILITY.text(r)).isEqualTo("kern");
        assertThat(Fields.SEQ.text(r)).isEqualTo("607");
        assertThat(Fields.KIND.text(r)).isEqualTo("message");
        assertThat(Fields.CONT.text(r)).isEqualTo("none");
        assertThat(Fields.SEQ_RESET.text(r)).isEqualTo("false");
        assertThat(Fields.USERDATA.text(r)).isEqualTo("rack=r12,role=db");
        assertThat(Fields.RAW.text(r)).isEqualTo("3,607,22085407756,-;link up\n");
        assertThat(Fields.ECS.text(r)).isEqualTo(Fields.ECS_VERSION);
        assertThat(Fields.EVENT_DETAILS.text(event())).isEqualTo("missing=3,counter=msgid");
    }

    @Test
    void appendTextAddsToWhatIsThere() {
        StringBuilder out = new StringBuilder("nc-");
        Fields.HOST.appendText(message(), out);
        out.append('-');
        Fields.LEVEL.appendText(message(), out);
        assertThat(out).hasToString("nc-web-42-err");
    }

    @Test
    void presenceFollowsTheRecord() {
        Record event = event();
        assertThat(Fields.EVENT.value(event)).isEqualTo(EventType.LOSS);
        assertThat(Fields.EVENT.value(message())).isNull();
        for (Field f : List.of(Fields.LEVEL, Fields.SEVERITY_CODE, Fields.FACILITY_CODE, Fields.SEQ, Fields.RAW,
                Fields.FRAGMENTS, Fields.SEQ_RESET, Fields.OUT_OF_ORDER, Fields.INCOMPLETE, Fields.USERDATA,
                Fields.RELEASE, Fields.TASKNAME, Fields.FORMAT, Fields.CONT)) {
            assertThat(f.isPresent(event)).as("%s of an event", f).isFalse();
            assertThat(f.text(event)).as("%s of an event", f).isNull();
        }
        for (Field f : List.of(Fields.LEVEL, Fields.SEQ, Fields.RAW, Fields.FRAGMENTS, Fields.SEQ_RESET,
                Fields.USERDATA, Fields.RELEASE, Fields.TASKNAME)) {
            assertThat(f.isPresent(message())).as("%s of a message", f).isTrue();
        }
        assertThat(Fields.INCOMPLETE.isPresent(message())).as("written only when true").isFalse();
        assertThat(Fields.EVENT_DETAILS.isPresent(message())).isFalse();
    }

    /** Records of every type, from the sparsest (a legacy line, a bare crash) to the richest. */
    private static List<Record> sparseAndRich() {
        return List.of(message(), Records.full().build(), Records.legacy().message("x").build(),
                Records.fullLegacy().build(), Records.fullTruncated("web-1", 7).build(), event(),
                Records.lossOf("msgid", 3, 5).build(), Records.restart("web-1"), Records.crash(), Records.bareCrash(),
                Records.event(EventType.SOURCE_SILENT).build());
    }

    /**
     * An encoder asks only the fields not said to be always present whether a record has them,
     * so the claim must hold for the sparsest records of each type too: a legacy line, an
     * event tied to no format, a crash report with nothing but its title.
     */
    @Test
    void fieldsSaidAlwaysPresentArePresentInEveryRecordTheyApplyTo() {
        List<Record> records = sparseAndRich();
        List<Field> always = Fields.all().stream().filter(Fields::alwaysPresent).toList();
        assertThat(always).contains(Fields.TIMESTAMP, Fields.HOST, Fields.CRASH_TEXT).doesNotContain(Fields.SEQ,
                Fields.FORMAT, Fields.INCOMPLETE);
        for (Record r : records) {
            for (Field f : always) {
                if (f.appliesTo(r.getClass())) {
                    assertThat(f.isPresent(r)).as("%s of %s", f, r).isTrue();
                }
            }
        }
    }

    /**
     * The json encoder writes a field fixed per type once per record class, from the first
     * record of it; so every record of a class, sparse or rich, must have the same value, and
     * the fields that vary must not claim it.
     */
    @Test
    void fieldsFixedPerTypeHaveOneValuePerRecordClass() {
        List<Record> records = sparseAndRich();
        List<Field.Text> fixed = Fields.all().stream()
                .filter(f -> f instanceof Field.Text t && t.isFixedPerType()).map(f -> (Field.Text) f).toList();
        assertThat(fixed).containsExactlyInAnyOrder(Fields.ECS, Fields.EVENT_KIND, Fields.EVENT_MODULE, Fields.KIND);
        Map<String, String> seen = new HashMap<>();
        for (Record r : records) {
            for (Field.Text f : fixed) {
                String key = f.path() + " of " + r.getClass().getSimpleName();
                assertThat(f.value(r)).as(key).isNotNull().isEqualTo(seen.computeIfAbsent(key, k -> f.value(r)));
            }
        }
        assertThat(seen).containsEntry("netconsole.kind of KernelMessage", "message")
                .containsEntry("netconsole.kind of SourceEvent", "event");
    }

    /**
     * The json encoder leaves out, per record type, every field that does not apply to it; a
     * scope narrower than the accessor would lose values. So every field a record of a type has
     * (records with as much as can be set: a full message, an event with details, a crash with
     * every part) must apply to that type, and the scopes must leave out what they are for.
     */
    @Test
    void everyFieldARecordHasAppliesToItsType() {
        List<Record> richest = List.of(message(), Records.full().build(), Records.sysdata("link up").build(),
                Records.fullTruncated("web-1", 7).build(), event(), Records.lossOf("msgid", 3, 5).build(),
                Records.restart("web-1"), Records.crash(), Records.bareCrash());
        Set<Class<?>> types = new HashSet<>();
        for (Record r : richest) {
            types.add(r.getClass());
            for (Field f : Fields.all()) {
                if (f.isPresent(r)) {
                    assertThat(f.appliesTo(r.getClass())).as("%s of a %s", f, r.kind()).isTrue();
                }
            }
        }
        assertThat(types).containsExactlyInAnyOrder(Record.class.getPermittedSubclasses());
        assertThat(Fields.all().stream().filter(f -> f.appliesTo(KernelMessage.class)))
                .doesNotContain(Fields.CRASH_KIND, Fields.CRASH_FRAMES, Fields.EVENT, Fields.EVENT_DETAILS)
                .contains(Fields.SEQ, Fields.RAW, Fields.HOST, Fields.RELEASE);
        assertThat(Fields.all().stream().filter(f -> f.appliesTo(CrashRecord.class)))
                .doesNotContain(Fields.SEQ, Fields.RAW, Fields.EVENT).contains(Fields.CRASH_TEXT, Fields.RELEASE);
    }
}
