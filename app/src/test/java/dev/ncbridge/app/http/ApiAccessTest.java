package dev.ncbridge.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.config.ApiToken;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Who may use the API; addresses are only compared here, nothing is sent to them. */
class ApiAccessTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void withoutATokenOnlyLoopbackClientsAreAnswered() throws Exception {
        ApiAccess access = new ApiAccess(null);

        assertThat(access.refusal(address("127.0.0.1"), null)).isNull();
        assertThat(access.refusal(address("127.8.9.10"), null)).isNull();
        assertThat(access.refusal(address("::1"), null)).isNull();
        for (String remote : new String[] {"10.0.0.5", "192.168.1.1", "2001:db8::5"}) {
            Response refused = access.refusal(address(remote), "Bearer " + TOKEN);
            assertThat(refused.status()).as(remote).isEqualTo(403);
            assertThat(new String(refused.body())).contains("http.api_token is not set");
        }
    }

    @Test
    void withATokenEveryClientMustSendIt() throws Exception {
        ApiAccess access = new ApiAccess(ApiToken.parse(TOKEN));

        assertThat(access.refusal(address("10.0.0.5"), "Bearer " + TOKEN)).isNull();
        assertThat(access.refusal(address("127.0.0.1"), null).status()).as("loopback too").isEqualTo(401);
        assertThat(access.refusal(address("10.0.0.5"), "Bearer " + TOKEN.substring(1)).status()).isEqualTo(401);
        assertThat(access.refusal(address("10.0.0.5"), TOKEN).status()).isEqualTo(401);
        assertThat(access.refusal(address("10.0.0.5"), "Bearer").status()).isEqualTo(401);
    }
}
