package dev.ncbridge.app.http;

import dev.ncbridge.config.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reload did: applied (with the changes in words), or rejected and why, the running
 * configuration then being untouched. {@code POST /api/v1/reload} answers it as JSON.
 *
 * @param changes the changes applied, in words; empty when rejected, or when the file changed nothing
 * @param problems the new configuration's problems, each at its file, line and key
 * @param error why a valid configuration was not applied (keys that need a restart, a port taken)
 */
public record ReloadOutcome(Kind kind, List<String> changes, List<ConfigProblem> problems, String error) {
    public enum Kind {
        APPLIED(200),
        /** The new configuration has problems. */
        INVALID(400),
        /** It changes keys that only a restart applies. */
        NEEDS_RESTART(409),
        /** Another reload is under way. */
        BUSY(409),
        /** Valid, but applying it failed (a port taken, a sink that cannot start); the old one runs on. */
        FAILED(409);

        final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    public static ReloadOutcome applied(List<String> changes) {
        return new ReloadOutcome(Kind.APPLIED, List.copyOf(changes), List.of(), null);
    }

    public static ReloadOutcome rejected(Kind kind, List<ConfigProblem> problems, String error) {
        return new ReloadOutcome(kind, List.of(), List.copyOf(problems), error);
    }

    public boolean isApplied() {
        return kind == Kind.APPLIED;
    }

    Response answer() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", isApplied() ? "applied" : "rejected");
        if (isApplied()) {
            body.put("changes", changes);
        } else {
            if (error != null) {
                body.put("error", error);
            }
            if (!problems.isEmpty()) {
                body.put("problems", problems.stream().map(ReloadOutcome::problem).toList());
            }
        }
        return Response.json(kind.status, body);
    }

    private static Map<String, Object> problem(ConfigProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.origin());
        m.put("line", p.line());
        m.put("key", p.path());
        m.put("message", p.message());
        return m;
    }
}
