package dev.ncbridge.app.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceQueryTest {
    @ParameterizedTest
    @CsvSource({
        "10.0.0.5,       10.0.0.5, -1",
        "10.0.0.5:6665,  10.0.0.5, 6665",
        "[::1]:6665,     ::1,      6665",
        "[::1],          ::1,      -1",
        "::1,            ::1,      -1",
        "fd00::5,        fd00::5,  -1",
    })
    void parsesAnAddressWithOrWithoutPort(String text, String address, int port) throws Exception {
        SourceQuery q = SourceQuery.parse(text);
        assertThat(q.address()).isEqualTo(InetAddress.getByName(address));
        assertThat(q.port()).isEqualTo(port);
        assertThat(q.hasPort()).isEqualTo(port != SourceQuery.ANY_PORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "web-42", "web-42:6665", "10.0.0.5:", "10.0.0.5:70000", "[::1]:x", "10.0.0"})
    void refusesWhatIsNotAnIpLiteral(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> SourceQuery.parse(text));
    }
}
