package dev.ncbridge.bench.sidebyside;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of the side-by-side harness: the {@code key=value} line that {@code bench/side-by-side/one-run}
 * prints, with the figures derived from it.
 */
public record RunResult(Map<String, String> fields) {
    private static final List<String> TEXTS = List.of("receiver", "sink");
    private static final List<String> NUMBERS = List.of("rate", "sources", "threads", "workers", "sent", "elapsed_s",
            "delivered", "kernel_drops", "cpu_s", "rss_idle_kb", "rss_peak_kb", "listen_ms");

    /** @throws IllegalArgumentException naming what the line lacks or cannot be read as */
    public static RunResult parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String word : line.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: '" + word + "' in: " + line);
            }
            fields.put(word.substring(0, eq), word.substring(eq + 1));
        }
        for (String key : Stream.concat(TEXTS.stream(), NUMBERS.stream()).toList()) {
            if (!fields.containsKey(key)) {
                throw new IllegalArgumentException("no " + key + "= in: " + line);
            }
        }
        RunResult result = new RunResult(Map.copyOf(fields));
        NUMBERS.forEach(result::number); // each must read as a number
        return result;
    }

    public String text(String key) {
        return fields.get(key);
    }

    public double number(String key) {
        String value = fields.get(key);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value, e);
        }
    }

    /** What the harness's --label named; empty without. */
    public String label() {
        return fields.getOrDefault("label", "");
    }

    /** Which receiver, as the harness names it: netconsd, ncbridge-json, ncbridge-blackhole. */
    public String receiver() {
        return text("receiver").equals("netconsd") ? "netconsd" : text("receiver") + "-" + text("sink");
    }

    /** The rate the sender was asked for, messages per second; 0 for as fast as it can. */
    public long rateAsked() {
        return (long) number("rate");
    }

    public double sentPerSecond() {
        return number("sent") / number("elapsed_s");
    }

    /** Delivered over sent: whatever was lost, in the kernel or in the receiver, counts against it. */
    public double deliveredPercent() {
        return 100 * number("delivered") / number("sent");
    }

    /** Datagrams ncbridge received but dropped before decoding (its rings were full); 0 for netconsd. */
    public double ringDrops() {
        return fields.containsKey("ring_drops") ? number("ring_drops") : 0;
    }

    /** CPU time of the receiver (all its threads) per message delivered. */
    public double cpuMicrosPerMessage() {
        return number("cpu_s") * 1e6 / number("delivered");
    }

    /** The receiver's CPU time over the sending time: 100 is one core. */
    public double cpuPercentOfCore() {
        return 100 * number("cpu_s") / number("elapsed_s");
    }

    public double peakRssMiB() {
        return number("rss_peak_kb") / 1024;
    }

    public double idleRssMiB() {
        return number("rss_idle_kb") / 1024;
    }

    /** The heap the receiver still used after a full collection at the end (0 for netconsd). */
    public double heapLiveMiB() {
        return fields.containsKey("heap_live_bytes") ? number("heap_live_bytes") / (1024 * 1024) : 0;
    }
}
