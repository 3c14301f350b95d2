package dev.ncbridge.app.route;

import static dev.ncbridge.ingest.testing.Records.eventFromWeb1;
import static dev.ncbridge.ingest.testing.Records.legacyLinkDown;
import static dev.ncbridge.ingest.testing.Records.linkDown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteMatchersTest {
    /** Whether one route with this {@code match} (YAML flow mapping) takes the record. */
    private static boolean matches(String match, Record r) {
        Routes.Compiled c = Routes.compile("routes:\n  - match: " + match + "\n    to: [hit]\n", "hit");
        c.router().route(r);
        return !c.sink("hit").received().isEmpty();
    }

    @ParameterizedTest(name = "level {0} takes levels {1}")
    @CsvSource(delimiter = '|', value = {
        "err            | 3",
        "3              | 3",
        "'\"=err\"'     | 3",
        "error          | 3",
        "'\"<=err\"'    | 0123",
        "'\"<=3\"'      | 0123",
        "'\"<err\"'     | 012",
        "'\">=warning\"'| 4567",
        "'\">warning\"' | 567",
        "'\">=0\"'      | 01234567",
        "'\"<=debug\"'  | 01234567",
        "'[emerg, debug]'         | 07",
        "'[\"<=crit\", info, 7]'  | 01267",
    })
    void levelsCompareByNumberWithZeroMostSevere(String spec, String levels) {
        for (int n = 0; n <= 7; n++) {
            assertThat(matches("{level: " + spec + "}", linkDown().level(n).build())).as("level %d", n)
                    .isEqualTo(levels.indexOf('0' + n) >= 0);
        }
    }

    @Test
    void recordsWithoutALevelNeverMatchALevel() {
        assertThat(matches("{level: \"<=debug\"}", legacyLinkDown().build())).isFalse();
        assertThat(matches("{level: \"<=debug\"}", eventFromWeb1(EventType.LOSS))).isFalse();
    }

    @Test
    void facilityByNameNumberOrList() {
        assertThat(matches("{facility: kern}", linkDown().facility(0).build())).isTrue();
        assertThat(matches("{facility: kern}", linkDown().facility(1).build())).isFalse();
        assertThat(matches("{facility: 16}", linkDown().facility(16).build())).isTrue();
        assertThat(matches("{facility: [daemon, local0]}", linkDown().facility(3).build())).isTrue();
        assertThat(matches("{facility: [daemon, local0]}", linkDown().facility(16).build())).isTrue();
        assertThat(matches("{facility: [daemon, local0]}", linkDown().facility(17).build())).isFalse();
        assertThat(matches("{facility: 200}", linkDown().facility(200).build())).isTrue();
        assertThat(matches("{facility: kern}", legacyLinkDown().build())).isFalse();
    }

    @Test
    void hostGlobsMatchTheNameCaseBlind() {
        assertThat(matches("{host: \"web-*\"}", linkDown().hostName("web-1").build())).isTrue();
        assertThat(matches("{host: \"WEB-*\"}", linkDown().hostName("web-1").build())).isTrue();
        assertThat(matches("{host: \"web-*\"}", linkDown().hostName("db-1").build())).isFalse();
        assertThat(matches("{host: \"db-?.example.com\"}", linkDown().hostName("db-7.example.com").build())).isTrue();
        assertThat(matches("{host: \"db-?.example.com\"}", linkDown().hostName("db-17.example.com").build())).isFalse();
        assertThat(matches("{host: \"db-?.example.com\"}", linkDown().hostName("db-7.example.org").build())).isFalse();
    }

    @Test
    void hostBlocksMatchTheSourceAddress() {
        assertThat(matches("{host: 10.0.0.0/8}", linkDown().source(new InetSocketAddress("10.9.9.9", 1)).build()))
                .isTrue();
        assertThat(matches("{host: 10.0.0.0/8}", linkDown().source(new InetSocketAddress("11.0.0.1", 1)).build()))
                .isFalse();
        assertThat(matches("{host: 10.1.2.3}", linkDown().source(new InetSocketAddress("10.1.2.3", 1)).build()))
                .isTrue();
        assertThat(matches("{host: 10.1.2.3}", linkDown().source(new InetSocketAddress("10.1.2.4", 1)).build()))
                .isFalse();
        assertThat(matches("{host: \"2001:db8::/32\"}", linkDown().source(new InetSocketAddress("2001:db8::5", 1))
                .build())).isTrue();
        assertThat(matches("{host: \"2001:db8::/32\"}", linkDown().source(new InetSocketAddress("2001:db9::5", 1))
                .build())).isFalse();
    }

    @Test
    void aBlockIsNotAppliedToTheNameNorAGlobToTheAddress() {
        Record named = linkDown().hostName("10.0.0.0/8").source(new InetSocketAddress("192.0.2.1", 1)).build();
        assertThat(matches("{host: 10.0.0.0/8}", named)).isFalse();
        Record unnamed = linkDown().hostName(null).source(new InetSocketAddress("10.1.2.3", 1)).build();
        assertThat(matches("{host: \"10.1.2.*\"}", unnamed)).as("an unnamed host's name is its address").isTrue();
    }

    @Test
    void hostListsMixGlobsAndBlocks() {
        String match = "{host: [\"db-*\", 192.168.0.0/16]}";
        assertThat(matches(match, linkDown().hostName("db-1").build())).isTrue();
        assertThat(matches(match, linkDown().source(new InetSocketAddress("192.168.4.4", 1)).build())).isTrue();
        assertThat(matches(match, linkDown().hostName("web-1").build())).isFalse();
    }

    @Test
    void messageRegexIsFoundAnywhere() {
        assertThat(matches("{message: \"link (up|down)\"}", linkDown().message("eth0: link down").build())).isTrue();
        assertThat(matches("{message: \"link (up|down)\"}", linkDown().message("eth0: carrier lost").build()))
                .isFalse();
        assertThat(matches("{message: \"^link\"}", linkDown().message("eth0: link down").build())).isFalse();
        assertThat(matches("{message: \"(?i)OOPS\"}", linkDown().message("kernel oops").build())).isTrue();
        assertThat(matches("{message: [panic, \"Oops\"]}", linkDown().message("Oops: 0002").build())).isTrue();
        assertThat(matches("{message: [panic, \"Oops\"]}", linkDown().message("oops").build())).isFalse();
    }

    /**
     * With java.util.regex the first of these overflows the worker's stack (a recursion per
     * repetition) and the second backtracks for longer than the test runs; RE2 answers both in a
     * pass over the text. The timeout only turns a hang into a failure: it measures nothing.
     */
    @Test
    void noMessageCanMakeARegexOverflowTheStackOrBacktrackForEver() {
        String long60k = "a".repeat(60 * 1024);
        String nearMiss = "a".repeat(40) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(matches("{message: \"^(a|aa)+$\"}", linkDown().message(long60k).build())).isTrue();
            assertThat(matches("{message: \"^(a|aa)+$\"}", linkDown().message(long60k + "b").build())).isFalse();
            assertThat(matches("{message: \"^(a+)+$\"}", linkDown().message(nearMiss).build())).isFalse();
        });
    }

    @Test
    void userdataValuesAreGlobsPerKey() {
        assertThat(matches("{userdata: {role: \"db*\"}}", userdata("role", "dbmaster"))).isTrue();
        assertThat(matches("{userdata: {role: \"db*\"}}", userdata("role", "web"))).isFalse();
        assertThat(matches("{userdata: {role: \"db*\"}}", userdata("rack", "db1"))).isFalse();
        assertThat(matches("{userdata: {role: \"db*\"}}", userdata("role", "DB1"))).as("case-sensitive").isFalse();
        assertThat(matches("{userdata: {role: [web, \"db*\"]}}", userdata("role", "web"))).isTrue();
        assertThat(matches("{userdata: {rack: 12}}", userdata("rack", "12"))).isTrue();
    }

    @Test
    void userdataKeysAllMatchAndARepeatedKeyMatchesOnAnyValue() {
        String match = "{userdata: {role: \"db*\", dc: \"eu-?\"}}";
        assertThat(matches(match, userdata("role", "db1", "dc", "eu-1"))).isTrue();
        assertThat(matches(match, userdata("role", "db1", "dc", "us-1"))).isFalse();
        assertThat(matches(match, userdata("role", "db1"))).isFalse();
        assertThat(matches("{userdata: {cpu: \"4*\"}}", userdata("cpu", "1", "cpu", "42"))).isTrue();
    }

    @Test
    void kindSeparatesMessagesFromEvents() {
        assertThat(matches("{kind: message}", linkDown().build())).isTrue();
        assertThat(matches("{kind: message}", eventFromWeb1(EventType.LOSS))).isFalse();
        assertThat(matches("{kind: event}", eventFromWeb1(EventType.LOSS))).isTrue();
        assertThat(matches("{kind: event}", linkDown().build())).isFalse();
    }

    @Test
    void eventTypesImplyEvents() {
        assertThat(matches("{event: loss}", eventFromWeb1(EventType.LOSS))).isTrue();
        assertThat(matches("{event: loss}", eventFromWeb1(EventType.SOURCE_RESET))).isFalse();
        assertThat(matches("{event: loss}", linkDown().build())).isFalse();
        assertThat(matches("{kind: event, event: [source_silent, source_back]}",
                eventFromWeb1(EventType.SOURCE_BACK))).isTrue();
        assertThat(matches("{event: [source_silent, source_back]}", eventFromWeb1(EventType.LOSS))).isFalse();
    }

    @Test
    void everyKeyOfAMatchMustMatch() {
        String match = "{level: \"<=err\", host: \"web-*\", message: link}";
        assertThat(matches(match, linkDown().build())).isTrue();
        assertThat(matches(match, linkDown().level(6).build())).isFalse();
        assertThat(matches(match, linkDown().hostName("db-1").build())).isFalse();
        assertThat(matches(match, linkDown().message("disk full").build())).isFalse();
    }

    @Test
    void anEmptyMatchTakesEverything() {
        assertThat(matches("{}", legacyLinkDown().build())).isTrue();
        assertThat(matches("{}", eventFromWeb1(EventType.LOSS))).isTrue();
    }

    /** A message with userdata given as key, value, key, value... */
    private static Record userdata(String... keysAndValues) {
        return linkDown().userdata(Records.userdata(keysAndValues)).build();
    }
}
