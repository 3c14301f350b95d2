package dev.ncbridge.app.blast;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a bridge's received-datagram and decoded-message totals from its {@code /metrics}, to
 * compare with what a blast sent.
 */
final class BridgeCounters {
    static final String RECEIVED = "ncbridge_datagrams_received_total";
    static final String DECODED = "ncbridge_decode_messages_total";

    private final URI metrics;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param base the bridge's HTTP address, as {@code http://bridge:9666} */
    BridgeCounters(URI base) {
        String text = base.toString();
        this.metrics = URI.create((text.endsWith("/") ? text : text + "/") + "metrics");
    }

    /** The two totals now. */
    Totals read() throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(metrics + " answered " + r.statusCode());
        }
        return new Totals(sum(r.body(), RECEIVED), sum(r.body(), DECODED));
    }

    /** The sum over every series of {@code name} in a Prometheus text exposition. */
    static long sum(String exposition, String name) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.length() > name.length() && line.startsWith(name)
                    && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }

    /**
     * Reads until the totals stop moving for {@code quiet} (the bridge has taken in what it will),
     * or {@code max} passed.
     */
    Totals awaitQuiet(Duration quiet, Duration max) throws IOException, InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        Totals last = read();
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < quiet.toNanos() && System.nanoTime() < end) {
            Thread.sleep(100);
            Totals now = read();
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return last;
    }

    record Totals(long datagrams, long messages) {
        Totals minus(Totals before) {
            return new Totals(datagrams - before.datagrams, messages - before.messages);
        }
    }
}
