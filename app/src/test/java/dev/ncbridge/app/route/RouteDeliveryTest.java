package dev.ncbridge.app.route;

import static dev.ncbridge.ingest.testing.Records.eventFromWeb1;
import static dev.ncbridge.ingest.testing.Records.legacyLinkDown;
import static dev.ncbridge.ingest.testing.Records.linkDown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteDeliveryTest {
    private static final Record ERR = linkDown().level(3).build();
    private static final Record INFO = linkDown().level(6).build();

    @Test
    void theFirstMatchingRouteWins() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - match: {level: "<=err"}
                    to: [alerts]
                  - to: [archive]
                """, "alerts", "archive");
        c.router().route(ERR);
        c.router().route(INFO);

        assertThat(c.sink("alerts").received()).containsExactly(ERR);
        assertThat(c.sink("archive").received()).containsExactly(INFO);
    }

    @Test
    void continueTriesTheLaterRoutesToo() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - match: {level: "<=err"}
                    to: [alerts]
                    continue: true
                  - match: {level: "<=warning"}
                    to: [archive]
                  - to: [rest]
                """, "alerts", "archive", "rest");
        c.router().route(ERR);
        c.router().route(INFO);

        assertThat(c.sink("alerts").received()).containsExactly(ERR);
        assertThat(c.sink("archive").received()).as("the second route stops the search").containsExactly(ERR);
        assertThat(c.sink("rest").received()).containsExactly(INFO);
    }

    /** A decode worker's batch: each sink gets its records in order, a run of like records at once. */
    @Test
    void aBatchReachesEachSinkInOrderARunOfLikeRecordsAtATime() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - match: {level: "<=err"}
                    to: [alerts]
                    continue: true
                  - match: {kind: message}
                    to: [all]
                """, "alerts", "all");
        Record err2 = linkDown().level(2).build();
        Record event = eventFromWeb1(EventType.LOSS);
        List<Record> batch = List.of(INFO, ERR, err2, INFO, event, INFO, ERR);

        c.router().route(batch, 1, 6);

        assertThat(c.sink("alerts").received()).containsExactly(ERR, err2);
        assertThat(c.sink("alerts").runs()).containsExactly(2);
        assertThat(c.sink("all").received()).containsExactly(ERR, err2, INFO, INFO);
        assertThat(c.sink("all").runs()).as("the event between the infos goes nowhere").containsExactly(2, 1, 1);
        assertThat(c.router().unrouted()).isEqualTo(1);
    }

    @Test
    void continueFalseIsTheDefault() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - to: [a]
                    continue: false
                  - to: [b]
                """, "a", "b");
        c.router().route(ERR);

        assertThat(c.sink("a").received()).containsExactly(ERR);
        assertThat(c.sink("b").received()).isEmpty();
    }

    @Test
    void aSinkGetsARecordOnceHoweverManyRoutesNameIt() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - to: [a, b, a]
                    continue: true
                  - match: {level: err}
                    to: [b, c]
                    continue: true
                  - to: [c, a]
                """, "a", "b", "c");
        c.router().route(ERR);

        assertThat(c.sinks().values()).allSatisfy(sink -> assertThat(sink.received()).containsExactly(ERR));
    }

    @Test
    void aRouteWithoutMatchTakesEventsAndLegacyLines() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - match: {kind: message, level: "<=debug"}
                    to: [messages]
                  - to: [rest]
                """, "messages", "rest");
        Record loss = eventFromWeb1(EventType.LOSS);
        Record line = legacyLinkDown().build();
        c.router().route(loss);
        c.router().route(line);

        assertThat(c.sink("messages").received()).isEmpty();
        assertThat(c.sink("rest").received()).containsExactly(loss, line);
        assertThat(c.router().unrouted()).isZero();
    }

    @Test
    void recordsNoRouteTakesAreCounted() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - match: {level: "<=err"}
                    to: [alerts]
                    continue: true
                """, "alerts");
        c.router().route(ERR);
        assertThat(c.router().unrouted()).as("a continue route that matched routed the record").isZero();

        c.router().route(INFO);
        c.router().route(legacyLinkDown().build());
        c.router().route(eventFromWeb1(EventType.SOURCE_SILENT));

        assertThat(c.router().unrouted()).isEqualTo(3);
        assertThat(c.sink("alerts").received()).containsExactly(ERR);
    }

    @Test
    void withoutRoutesEveryRecordIsUnrouted() {
        Router router = Router.compile(List.of(), Map.of("a", r -> { }));
        router.route(ERR);
        assertThat(router.unrouted()).isEqualTo(1);
    }

    @Test
    void toMayNameASingleSink() {
        Routes.Compiled c = Routes.compile("""
                routes:
                  - to: a
                """, "a");
        c.router().route(ERR);
        assertThat(c.sink("a").received()).containsExactly(ERR);
    }
}
