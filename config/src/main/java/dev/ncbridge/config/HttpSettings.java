package dev.ncbridge.config;

/**
 * The HTTP endpoint for metrics, health and the API; {@code enabled: false} turns it off.
 *
 * @param apiToken what {@code /api/v1/*} clients must send; null: the API answers loopback clients only
 */
public record HttpSettings(String listen, Boolean enabled, ApiToken apiToken) {
    public HttpSettings {
        listen = listen == null ? "127.0.0.1:9666" : listen;
        enabled = enabled == null || enabled;
        SocketAddresses.parseLiteral(listen);
    }

    static HttpSettings defaults() {
        return new HttpSettings(null, null, null);
    }
}
