package dev.ncbridge.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A loaded configuration. Sinks and routes stay {@link ConfigSection}s here: their keys belong to
 * the sink implementations and the router, which bind and check them with the same line-aware
 * errors.
 */
public record NcbridgeConfig(String origin, List<InetSocketAddress> listen, ReceiveSettings receive,
                             DecoderSettings decoder, SourcesSettings sources, Map<String, ConfigSection> sinks,
                             List<ConfigSection> routes, HttpSettings http, PluginSettings plugins,
                             ShutdownSettings shutdown) {
}
