package dev.ncbridge.sink.console;

import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.config.Substitution;
import dev.ncbridge.sink.RunnerSettings;

/** What the sink tests share: configuration sections. */
final class Fixtures {
    private Fixtures() {
    }

    /** Sink {@code f} of a configuration file {@code t.yaml} with this text, without the runner's keys. */
    static ConfigSection sinkSection(String yaml) {
        return new ConfigLoader(new Substitution(k -> null)).load("t.yaml", yaml).sinks().get("f")
                .without(RunnerSettings.KEYS);
    }
}
