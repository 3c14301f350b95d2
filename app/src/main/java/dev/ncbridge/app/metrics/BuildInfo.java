package dev.ncbridge.app.metrics;

import dev.ncbridge.app.cli.VersionProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;

/**
 * {@code ncbridge_build_info{version, java_version} 1}: which build runs where, for dashboards and
 * for joining onto other series ({@code * on(instance) group_left(version) ncbridge_build_info}).
 */
public final class BuildInfo implements MeterBinder {
    /** The version label when the build's version resource cannot be read (a broken build, not a reason to stop). */
    private static final String UNKNOWN = "unknown";

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ncbridge.build.info", () -> 1)
                .tag("version", version())
                .tag("java_version", System.getProperty("java.version"))
                .description("Always 1; the labels say which ncbridge build and Java version run")
                .register(registry);
    }

    private static String version() {
        try {
            return VersionProvider.projectVersion();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
