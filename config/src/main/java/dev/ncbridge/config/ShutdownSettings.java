package dev.ncbridge.config;

import java.time.Duration;

/** How long a graceful stop may take to drain the sinks before what is left is counted as lost. */
public record ShutdownSettings(Duration drainTimeout) {
    public ShutdownSettings {
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(30) : drainTimeout;
    }

    static ShutdownSettings defaults() {
        return new ShutdownSettings(null);
    }
}
