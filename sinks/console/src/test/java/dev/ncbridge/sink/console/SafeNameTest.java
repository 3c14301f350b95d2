package dev.ncbridge.sink.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeNameTest {
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
        assertThat(SafeName.of(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"..", "../..", "a/../b", "/", ".", "''", "....", "a\u0000b"})
    void neverYieldsSlashDotDotOrAnEmptyName(String value) {
        String safe = SafeName.of(value);
        assertThat(safe).doesNotContain("/").doesNotContain("..").isNotEmpty().isNotEqualTo(".")
                .matches("[A-Za-z0-9._:-]+");
    }
}
