package dev.ncbridge.app.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Meter readings from an in-process bridge's registry, summed over the tag values not given. */
public final class Meters {
    private Meters() {
    }

    /** The sum of a counter (plain or function) over all its tag values. */
    public static double count(MeterRegistry registry, String name, String... tags) {
        double total = 0;
        for (Counter c : registry.find(name).tags(tags).counters()) {
            total += c.count();
        }
        for (FunctionCounter c : registry.find(name).tags(tags).functionCounters()) {
            total += c.count();
        }
        return total;
    }

    /** The sum of a gauge over all its tag values. */
    public static double gauge(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).gauges().stream().mapToDouble(Gauge::value).sum();
    }
}
