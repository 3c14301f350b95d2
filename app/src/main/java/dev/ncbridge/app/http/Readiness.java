package dev.ncbridge.app.http;

import java.util.Map;

/** What {@code /health/ready} reports: the bridge is ready when every check holds. */
@FunctionalInterface
public interface Readiness {
    /**
     * Each check's name and whether it holds, e.g. {@code listening=true, sink:kafka=false}.
     * Called on an HTTP thread for every probe, so it must be cheap and must not block.
     */
    Map<String, Boolean> checks();
}
