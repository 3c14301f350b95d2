package dev.ncbridge.app.http;

import java.util.List;
import java.util.Map;

/** What {@code /health/ready} reports: the bridge is ready when every check holds. */
@FunctionalInterface
public interface Readiness {
    /**
     * Each check's name and whether it holds, e.g. {@code listening=true, sink:kafka=false}.
     * Called on an HTTP thread for every probe, so it must be cheap and must not block.
     */
    Map<String, Boolean> checks();

    /** Sinks delivering from their spool, listed in the body; spooling does not make the bridge unready. */
    default List<String> spooling() {
        return List.of();
    }
}
