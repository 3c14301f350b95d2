package dev.ncbridge.sink;

/**
 * Makes sinks of one {@code type}. Found with {@link java.util.ServiceLoader} on the class path
 * and in the plugin jars: list the implementation in
 * {@code META-INF/services/dev.ncbridge.sink.SinkProvider}.
 */
public interface SinkProvider {
    /** The {@code type} value in the configuration, as {@code file} or {@code kafka}. */
    String type();

    /**
     * Makes a sink from its settings. Bind {@link SinkContext#settings()} to a record of the sink's
     * own keys (unknown keys then fail with their line); do no I/O here, only in {@link Sink#start()},
     * so that {@code ncbridge validate} can build every sink without touching the network.
     */
    Sink create(SinkContext context);

    /**
     * The record {@link #create} binds the sink's own keys to (not the runner's, which every sink
     * has), so that the configuration's JSON Schema lists them; null when the sink does not say,
     * and then any key passes the schema (but not {@code create}).
     */
    default Class<? extends Record> settingsType() {
        return null;
    }

    /**
     * Whether the {@code format} key is this sink's own (a wire format, as the syslog sink's
     * {@code rfc5424}) rather than the runner's record encoding. When true, {@code format} stays in
     * {@link SinkContext#settings()} and the context's encoder is the default, {@code json}.
     */
    default boolean ownsFormatKey() {
        return false;
    }
}
