package dev.ncbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads a configuration: YAML with line numbers, substitution, then each section bound on its
 * own so that one bad section does not hide the problems of the others. Every problem found is
 * in the {@link ConfigException}, which is what {@code ncbridge validate} prints.
 */
public final class ConfigLoader {
    /** The top-level keys: every part of {@link NcbridgeConfig} but where it came from. */
    static final List<String> TOP_LEVEL = Arrays.stream(NcbridgeConfig.class.getRecordComponents())
            .map(ConfigBinder::keyOf).filter(k -> !k.equals("origin")).toList();

    /** Far more than any configuration needs; a bound so that a wrong file name cannot fill the memory. */
    private static final int MAX_FILE_BYTES = 1 << 20;

    private final Substitution substitution;

    public ConfigLoader(Substitution substitution) {
        this.substitution = substitution;
    }

    public NcbridgeConfig load(Path file) {
        String text;
        try {
            text = SmallFiles.read(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(file.toString(), "", 0, IoErrors.describe(e)));
        }
        return load(file.toString(), text);
    }

    /** Loads a configuration kept as a class path resource, such as the built-in default. */
    public NcbridgeConfig loadResource(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return load("built-in " + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    public NcbridgeConfig load(String origin, String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        LocatedTree tree = YamlTreeReader.read(origin, text, problems);
        problems.addAll(substitution.apply(tree));
        JsonNode root = tree.root();
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL.contains(key)) {
                problems.add(tree.problem(key, Suggestions.unknown("unknown key", key, TOP_LEVEL, "known keys")));
            }
        }
        List<InetSocketAddress> listen = ConfigException.collect(problems, () -> listen(tree), List.of());
        ReceiveSettings receive = section(tree, problems, "receive", ReceiveSettings.class, ReceiveSettings::defaults);
        DecoderSettings decoder = section(tree, problems, "decoder", DecoderSettings.class, DecoderSettings::defaults);
        SourcesSettings sources = section(tree, problems, "sources", SourcesSettings.class, SourcesSettings::defaults);
        if (sources.silentAfter() != null && sources.silentAfter().compareTo(decoder.sourceIdle()) >= 0) {
            problems.add(tree.problem(ConfigPath.field("sources", "silent_after"), "must be shorter than decoder.source_idle ("
                    + Durations.format(decoder.sourceIdle()) + "): a source is forgotten after source_idle,"
                    + " before it could be called silent"));
        }
        HttpSettings http = section(tree, problems, "http", HttpSettings.class, HttpSettings::defaults);
        PluginSettings plugins = section(tree, problems, "plugins", PluginSettings.class, PluginSettings::defaults);
        ShutdownSettings shutdown = section(tree, problems, "shutdown", ShutdownSettings.class, ShutdownSettings::defaults);
        int before = problems.size();
        Map<String, ConfigSection> sinks = sinks(tree, problems);
        boolean sinksWhole = problems.size() == before;
        List<ConfigSection> routes = routes(tree, problems);
        if (!problems.isEmpty()) {
            // Routes naming a sink left out above would only add false problems: check them only
            // when every sink made it.
            throw new ConfigException(problems, new NcbridgeConfig(origin, listen, receive, decoder, sources, sinks,
                    sinksWhole ? routes : List.of(), http, plugins, shutdown));
        }
        return new NcbridgeConfig(origin, listen, receive, decoder, sources, sinks, routes, http, plugins, shutdown);
    }

    private static List<InetSocketAddress> listen(LocatedTree tree) {
        JsonNode node = tree.root().get("listen");
        if (node == null) {
            return List.of(new InetSocketAddress("0.0.0.0", 6666), new InetSocketAddress("::", 6666));
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new ConfigException(tree.problem("listen", "expected a list of addresses, as [\"0.0.0.0:6666\"]"));
        }
        List<InetSocketAddress> out = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            try {
                out.add(SocketAddresses.parseLiteral(node.get(i).asText()));
            } catch (IllegalArgumentException e) {
                problems.add(tree.problem(ConfigPath.index("listen", i), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return List.copyOf(out);
    }

    private static <T> T section(LocatedTree tree, List<ConfigProblem> problems, String key, Class<T> type,
                                 Supplier<T> defaults) {
        JsonNode node = tree.root().get(key);
        if (node == null || node.isNull()) {
            return defaults.get();
        }
        return ConfigException.collect(problems, () -> ConfigBinder.bind(tree, key, node, type), defaults.get());
    }

    private static Map<String, ConfigSection> sinks(LocatedTree tree, List<ConfigProblem> problems) {
        Map<String, ConfigSection> sinks = new LinkedHashMap<>();
        JsonNode node = tree.root().get("sinks");
        if (node == null) {
            return sinks;
        }
        if (!node.isObject()) {
            problems.add(tree.problem("sinks", "expected a mapping of sink names to their settings"));
            return sinks;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sink = it.next();
            String path = ConfigPath.field("sinks", sink.getKey());
            if (!sink.getValue().isObject()) {
                problems.add(tree.problem(path, "expected the sink's settings, as {type: stdout}"));
            } else if (!sink.getValue().path("type").isTextual()) {
                problems.add(tree.problem(path, "missing \"type\" (stdout, file, kafka, elasticsearch, syslog or a plugin's)"));
            } else {
                sinks.put(sink.getKey(), new ConfigSection(tree, path, sink.getValue()));
            }
        }
        return sinks;
    }

    private static List<ConfigSection> routes(LocatedTree tree, List<ConfigProblem> problems) {
        List<ConfigSection> routes = new ArrayList<>();
        JsonNode node = tree.root().get("routes");
        if (node == null) {
            return routes;
        }
        if (!node.isArray()) {
            problems.add(tree.problem("routes", "expected a list of routes, as [{to: [stdout]}]"));
            return routes;
        }
        for (int i = 0; i < node.size(); i++) {
            routes.add(new ConfigSection(tree, ConfigPath.index("routes", i), node.get(i)));
        }
        return routes;
    }
}
