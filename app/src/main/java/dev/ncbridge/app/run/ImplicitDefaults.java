package dev.ncbridge.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ncbridge.config.ConfigLoader;
import dev.ncbridge.config.NcbridgeConfig;
import dev.ncbridge.config.Substitution;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a configuration leaves out: no sinks means the built-in stdout sink, and no routes means
 * every record to every sink (but dead-letter sinks). So a file that only changes, say, the listen address still works.
 */
final class ImplicitDefaults {
    static final String DEFAULT_RESOURCE = "/dev/ncbridge/app/default.yaml";

    private ImplicitDefaults() {
    }

    static NcbridgeConfig builtIn() {
        return loader().loadResource(ImplicitDefaults.class, DEFAULT_RESOURCE);
    }

    static NcbridgeConfig apply(NcbridgeConfig c) {
        if (c.sinks().isEmpty()) {
            NcbridgeConfig d = builtIn();
            return with(c, d, c.routes().isEmpty() ? d : c);
        }
        if (c.routes().isEmpty()) {
            // A dead-letter sink is for another sink's failures, not for every record.
            Set<String> deadLetters = c.sinks().values().stream().map(s -> s.node().path("dead_letter"))
                    .filter(JsonNode::isTextual).map(JsonNode::asText).collect(Collectors.toSet());
            String to = c.sinks().keySet().stream().filter(name -> !deadLetters.contains(name))
                    .map(ImplicitDefaults::quoted).collect(Collectors.joining(", "));
            return with(c, c, loader().load("implicit route to every sink", "routes:\n  - to: [" + to + "]\n"));
        }
        return c;
    }

    private static NcbridgeConfig with(NcbridgeConfig c, NcbridgeConfig sinksFrom, NcbridgeConfig routesFrom) {
        return new NcbridgeConfig(c.origin(), c.listen(), c.receive(), c.decoder(), c.sources(), sinksFrom.sinks(),
                routesFrom.routes(), c.http(), c.plugins(), c.shutdown());
    }

    private static String quoted(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static ConfigLoader loader() {
        return new ConfigLoader(new Substitution(name -> null));
    }
}
