package dev.ncbridge.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SocketAddressConverterTest {
    private final SocketAddressConverter converter = new SocketAddressConverter();

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:6665, 127.0.0.1, 6665",
        "10.0.0.5:0, 10.0.0.5, 0",
        "[::1]:6666, 0:0:0:0:0:0:0:1, 6666",
        "[2001:db8::7]:65535, 2001:db8:0:0:0:0:0:7, 65535"
    })
    void readsAddressAndPort(String text, String address, int port) {
        InetSocketAddress a = converter.convert(text);

        assertThat(a.getAddress().getHostAddress()).isEqualTo(address);
        assertThat(a.getPort()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":6665", "[]:6665", "::1:6665", "10.0.0.5:port",
        "10.0.0.5:70000", "10.0.0.5:-1"})
    void rejectsWhatIsNotAddrPort(String text) {
        assertThatThrownBy(() -> converter.convert(text))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining(text);
    }
}
