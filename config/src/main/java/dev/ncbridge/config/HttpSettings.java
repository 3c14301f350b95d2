package dev.ncbridge.config;

/** The HTTP endpoint for metrics, health and the API; {@code enabled: false} turns it off. */
public record HttpSettings(String listen, Boolean enabled) {
    public HttpSettings {
        listen = listen == null ? "127.0.0.1:9666" : listen;
        enabled = enabled == null || enabled;
        SocketAddresses.parseLiteral(listen);
    }

    static HttpSettings defaults() {
        return new HttpSettings(null, null);
    }
}
