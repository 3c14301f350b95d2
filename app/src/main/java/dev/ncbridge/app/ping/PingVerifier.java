package dev.ncbridge.app.ping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.config.IpLiterals;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a bridge ({@code GET /api/v1/pings/{nonce}}) whether a ping arrived from where it was sent,
 * again and again until it did or the time is up.
 */
final class PingVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    private final URI base;
    private final String token;
    private final boolean anySource;
    private final HttpClient client;

    /**
     * @param base the bridge's HTTP address, as {@code http://bridge:9666}
     * @param token the bridge's API token, or null to send none
     * @param anySource accept an arrival from any source (a NAT between host and bridge)
     */
    PingVerifier(URI base, String token, boolean anySource) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.token = token;
        this.anySource = anySource;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * @return null when the ping arrived from where it was sent, else why not
     */
    String await(SentPing ping, long deadlineNanos) throws InterruptedException {
        String why;
        do {
            why = check(ping);
            if (why == null) {
                return null;
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadlineNanos);
        return why;
    }

    /** One look: null when it arrived as expected, else what was wrong. */
    private String check(SentPing ping) throws InterruptedException {
        URI uri = base.resolve("api/v1/pings/" + ping.nonce());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return "cannot ask " + base + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
        if (response.statusCode() == 404) {
            return "not seen by " + base;
        }
        if (response.statusCode() == 401) {
            return base + " wants its API token" + (token == null ? ": give it with --token-file" : ", not the one given");
        }
        if (response.statusCode() == 403) {
            return base + " answers the API only on its own host: set http.api_token there and give it with --token-file";
        }
        if (response.statusCode() != 200) {
            return base + " answered " + response.statusCode();
        }
        try {
            JsonNode arrivals = JSON.readTree(response.body()).path("arrivals");
            String seen = "";
            for (JsonNode a : arrivals) {
                if (fromWhereSent(ping, a)) {
                    return null;
                }
                seen = a.path("address").asText() + ":" + a.path("port").asText();
            }
            return "arrived at " + base + " but from " + seen + ", not from " + expected(ping);
        } catch (IOException e) {
            return base + " answered something that is not the pings API's JSON";
        }
    }

    private boolean fromWhereSent(SentPing ping, JsonNode arrival) {
        if (anySource) {
            return true;
        }
        InetAddress address = IpLiterals.parse(arrival.path("address").asText());
        boolean addressOk = ping.fromAddress() == null || ping.fromAddress().equals(address);
        boolean portOk = ping.fromPort() == null || ping.fromPort() == arrival.path("port").asInt();
        return addressOk && portOk;
    }

    private static String expected(SentPing ping) {
        return (ping.fromAddress() == null ? "any address" : ping.fromAddress().getHostAddress()) + ":"
                + (ping.fromPort() == null ? "any port" : ping.fromPort());
    }
}
