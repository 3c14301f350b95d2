package dev.ncbridge.app.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RouteConfigErrorsTest {
    private static final String[] SINKS = {"kafka", "search"};

    /** The single problem in {@code yaml}, as printed: {@code t.yaml:LINE: PATH: MESSAGE}. */
    private static String problem(String yaml) {
        List<ConfigProblem> problems = Routes.problems(yaml, SINKS);
        assertThat(problems).hasSize(1);
        return problems.get(0).toString();
    }

    @Test
    void aRouteMustBeAMapping() {
        assertThat(problem("""
                routes:
                  - to: [kafka]
                  - kafka
                """)).isEqualTo("t.yaml:3: routes[1]: expected a route, as {match: {level: \"<=err\"}, to: [kafka]}");
    }

    @Test
    void unknownKeysOfARoute() {
        assertThat(problem("""
                routes:
                  - to: [kafka]
                    contine: true
                """)).isEqualTo("t.yaml:3: routes[0].contine: unknown key \"contine\" (did you mean \"continue\"?); known keys: continue, match, to");
    }

    @Test
    void toIsRequiredAndNamesTheSinks() {
        assertThat(problem("""
                routes:
                  - to: [kafka]
                  - match: {level: err}
                """)).isEqualTo("t.yaml:3: routes[1]: missing \"to\": the sinks this route sends to; sinks: kafka, search");
    }

    @Test
    void toMustNotBeEmpty() {
        assertThat(problem("""
                routes:
                  - match: {level: err}
                    to: []
                """)).isEqualTo("t.yaml:3: routes[0].to: the list is empty: give at least one value");
    }

    @Test
    void toMustNameExistingSinks() {
        assertThat(problem("""
                routes:
                  - to:
                      - kafka
                      - serach
                """)).isEqualTo("t.yaml:4: routes[0].to[1]: no sink named \"serach\" (did you mean \"search\"?); sinks: kafka, search");
    }

    @Test
    void toWithoutAnySinksSaysSo() {
        assertThat(Routes.problems("""
                routes:
                  - to: stdout
                """)).extracting(ConfigProblem::toString)
                .containsExactly("t.yaml:2: routes[0].to: no sink named \"stdout\"; no sinks are configured");
    }

    @Test
    void routesNameAtMost64Sinks() {
        String[] names = IntStream.range(0, 65).mapToObj(i -> "s" + i).toArray(String[]::new);
        String yaml = "routes:\n  - to: [" + String.join(", ", names) + "]\n";
        assertThat(Routes.problems(yaml, names)).extracting(ConfigProblem::toString)
                .containsExactly("t.yaml:2: routes[0].to[64]: routes can send to at most 64 different sinks");
    }

    @Test
    void continueIsTrueOrFalse() {
        assertThat(problem("""
                routes:
                  - to: [kafka]
                    continue: yes please
                """)).isEqualTo("t.yaml:3: routes[0].continue: expected true or false");
    }

    @Test
    void matchIsAMappingOfKnownMatchers() {
        assertThat(problem("""
                routes:
                  - match: "<=err"
                    to: [kafka]
                """)).isEqualTo("t.yaml:2: routes[0].match: expected a mapping of matchers, as {level: \"<=err\"}");
        assertThat(problem("""
                routes:
                  - match:
                      severity: err
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.severity: unknown matcher \"severity\"; "
                + "known matchers: crash_kind, event, facility, host, kind, level, message, userdata");
        assertThat(problem("""
                routes:
                  - match:
                      hots: web-*
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.hots: unknown matcher \"hots\" (did you mean \"host\"?); "
                + "known matchers: crash_kind, event, facility, host, kind, level, message, userdata");
    }

    @Test
    void aFieldRoutesCannotMatchOnIsNamedAsSuch() {
        assertThat(problem("""
                routes:
                  - match:
                      seq: 5
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.seq: routes cannot match on the field \"seq\"; "
                + "known matchers: crash_kind, event, facility, host, kind, level, message, userdata");
    }

    @Test
    void matcherValuesAreValuesOrListsOfValues() {
        assertThat(problem("""
                routes:
                  - match:
                      level:
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.level: expected a value or a list of values");
        assertThat(problem("""
                routes:
                  - match:
                      facility: [kern, [user]]
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.facility[1]: expected a value, not a list, mapping or null");
        assertThat(problem("""
                routes:
                  - match:
                      host: []
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.host: the list is empty: give at least one value");
    }

    @Test
    void badLevels() {
        List<ConfigProblem> problems = Routes.problems("""
                routes:
                  - match:
                      level:
                        - "<=eror"
                        - 8
                        - ">debug"
                        - "=>err"
                    to: [kafka]
                """, SINKS);
        assertThat(problems).extracting(ConfigProblem::line).containsExactly(4, 5, 6, 7);
        assertThat(problems.get(0).message()).isEqualTo("\"<=eror\" is not a level: write a level name (emerg, alert, crit, "
                + "err, warning, notice, info, debug), a number 0..7, or a comparison such as \"<=err\" or \">=4\"");
        assertThat(problems.get(1).message()).startsWith("\"8\" is not a level");
        assertThat(problems.get(2).message()).isEqualTo("\">debug\" matches no level");
        assertThat(problems.get(3).message()).startsWith("\"=>err\" is not a level");
    }

    @Test
    void badFacility() {
        assertThat(problem("""
                routes:
                  - match: {facility: [kern, local8]}
                    to: [kafka]
                """)).isEqualTo("t.yaml:2: routes[0].match.facility[1]: unknown facility 'local8' "
                + "(expected kern, user, ..., local7 or 0..255)");
    }

    @Test
    void badAddressBlock() {
        assertThat(problem("""
                routes:
                  - match:
                      host: ["web-*", 10.0.0.0/33]
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.host[1]: \"10.0.0.0/33\": the prefix length must be from 0 to 32");
    }

    @Test
    void badRegexGivesItsDescription() {
        assertThat(problem("""
                routes:
                  - to: [kafka]
                  - match:
                      message: "link (up|down"
                    to: [search]
                """)).isEqualTo("t.yaml:4: routes[1].match.message: \"link (up|down\" is not a valid regular expression: "
                + "missing closing ) at \"link (up|down\"");
    }

    @Test
    void backreferencesAndLookaroundAreRefusedInPlainWords() {
        List<ConfigProblem> problems = Routes.problems("""
                routes:
                  - match:
                      message: ["^(a+)\\\\1$", "eth0(?!:)", "x)"]
                    to: [kafka]
                """, SINKS);
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "t.yaml:3: routes[0].match.message[0]: \"^(a+)\\1$\" is not a valid regular expression: backreferences (\\1)"
                        + " are not supported (routes use RE2 syntax, which matches in time linear in the message)",
                "t.yaml:3: routes[0].match.message[1]: \"eth0(?!:)\" is not a valid regular expression: lookahead and"
                        + " lookbehind ((?!) are not supported (routes use RE2 syntax, which matches in time linear in the message)",
                "t.yaml:3: routes[0].match.message[2]: \"x)\" is not a valid regular expression: unmatched ')'");
    }

    @Test
    void userdataIsAMapping() {
        assertThat(problem("""
                routes:
                  - match:
                      userdata: role
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.userdata: expected a mapping of userdata keys to value patterns, "
                + "as {role: \"db*\"}");
        assertThat(problem("""
                routes:
                  - match:
                      userdata: {role: [], dc: eu}
                    to: [kafka]
                """)).isEqualTo("t.yaml:3: routes[0].match.userdata.role: the list is empty: give at least one value");
    }

    @Test
    void badKindAndEventType() {
        List<ConfigProblem> problems = Routes.problems("""
                routes:
                  - match:
                      kind: events
                      event: [loss, reboot]
                    to: [kafka]
                """, SINKS);
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "t.yaml:3: routes[0].match.kind: \"events\" is not a kind: write message, event or crash",
                "t.yaml:4: routes[0].match.event[1]: \"reboot\" is not an event type; "
                        + "event types: loss, source_reset, source_silent, source_back, unexplained_reboot",
                "t.yaml:4: routes[0].match.event: only events have an event type, but \"kind\" leaves events out");
    }

    @Test
    void anEventTypeContradictsKindMessage() {
        assertThat(problem("""
                routes:
                  - match: {kind: message, event: loss}
                    to: [kafka]
                """)).isEqualTo("t.yaml:2: routes[0].match.event: only events have an event type, but \"kind\" leaves events out");
    }

    @Test
    void everyProblemOfEveryRouteIsReportedAtOnce() {
        List<ConfigProblem> problems = Routes.problems("""
                routes:
                  - match: {level: "<=eror"}
                    to: [kafak]
                  - to: [kafka]
                    contnue: true
                  - match:
                      message: "("
                      hots: web-*
                  - to: [search]
                """, SINKS);
        assertThat(problems).extracting(p -> p.line() + " " + p.path()).containsExactly(
                "2 routes[0].match.level",
                "3 routes[0].to[0]",
                "5 routes[1].contnue",
                "8 routes[2].match.hots",
                "7 routes[2].match.message",
                "6 routes[2]");
        assertThat(problems.stream().map(ConfigProblem::message).collect(Collectors.joining("\n")))
                .contains("no sink named \"kafak\"", "missing \"to\"");
    }
}
