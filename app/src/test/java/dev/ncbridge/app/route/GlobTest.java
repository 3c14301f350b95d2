package dev.ncbridge.app.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest(name = "\"{0}\" ~ \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
        "web-*       | web-1          | true",
        "web-*       | web-           | true",
        "web-*       | web            | false",
        "*           | ''             | true",
        "''          | ''             | true",
        "''          | a              | false",
        "a?c         | abc            | true",
        "a?c         | ac             | false",
        "*.example.* | db.example.com | true",
        "*b          | *ab            | true",
        "a*b*c       | aXbYbZc        | true",
        "a*b*c       | aXbYbZ         | false",
        "**a**       | xxaxx          | true",
        "*a          | aaaab          | false",
        "exact       | exact          | true",
        "exact       | exactly        | false",
    })
    void starIsAnyRunAndQuestionMarkOneCharacter(String pattern, String text, boolean expected) {
        assertThat(Glob.caseSensitive(pattern).matches(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Web-*, web-1", "web-?, WEB-1"})
    void caseMattersUnlessIgnored(String pattern, String text) {
        assertThat(Glob.caseSensitive(pattern).matches(text)).isFalse();
        assertThat(Glob.ignoringCase(pattern).matches(text)).isTrue();
    }
}
