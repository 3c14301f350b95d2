package dev.ncbridge.sink.console;

import static dev.ncbridge.ingest.testing.Records.rawLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ncbridge.sink.template.Template;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilePathSanitizerTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "web-42.example.com|web-42.example.com",
            "fe80::1%eth0|fe80::1_eth0",
            "a/b|a_b",
            "../../etc/passwd|.__.__etc_passwd",
            "..|._",
            "...|._.",
            ".|_",
            "''|_",
            "host name|host_name",
            "ümlaut|_mlaut",
            "a\\b|a_b",
            ".hidden|.hidden",
    })
    void keepsSafeCharactersAndReplacesTheRest(String value, String expected) {
        assertThat(safe(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"..", "../..", "a/../b", "/", ".", "''", "....", "a\u0000b"})
    void neverYieldsSlashDotDotOrAnEmptyName(String value) {
        assertThat(safe(value)).doesNotContain("/").doesNotContain("..").isNotEmpty().isNotEqualTo(".")
                .matches("[A-Za-z0-9._:-]+");
    }

    @Test
    void aPathTemplateSanitizesItsFieldsButNotItsOwnText() {
        Template t = parse("/logs/{ip}/{host}");

        assertThat(t.render(rawLine("a/b", "m").source("10.1.2.3").build())).isEqualTo("/logs/10.1.2.3/a_b");
        assertThat(t.render(rawLine("h", "m").source("fe80::1").build())).isEqualTo("/logs/fe80::1/h");
        assertThat(parse("/logs/../{host}.log").render(rawLine("..", "m").source("10.1.2.3").build()))
                .isEqualTo("/logs/../._.log");
    }

    @Test
    void aPathMustNameAFile() {
        assertThatThrownBy(() -> parse("/logs/{host}/")).hasMessage("\"/logs/{host}/\" names a directory: end it with"
                + " a file name, as {host}.log");
        assertThatThrownBy(() -> parse("/logs/a\u0000{host}")).hasMessageStartingWith("\"/logs/a\u0000{host}\" is not a"
                + " valid path: ");
    }

    private static Template parse(String text) {
        return Template.parse(text, new FilePathSanitizer(), ZoneOffset.UTC);
    }

    private static String safe(String value) {
        StringBuilder out = new StringBuilder();
        new FilePathSanitizer().appendValue(out, value);
        return out.toString();
    }
}
