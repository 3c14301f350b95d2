package dev.ncbridge.sink.syslog;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Builds the TLS client side from the {@code tls} keys. */
final class TlsContexts {
    private TlsContexts() {
    }

    /** Reads the PEM files; a missing or unreadable one fails with its key's name. */
    static SslContext client(SyslogOptions.TlsOptions tls) throws IOException {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (tls.caFile() != null) {
            b.trustManager(readable("tls.ca_file", tls.caFile()).toFile());
        }
        if (tls.certFile() != null) {
            b.keyManager(readable("tls.cert_file", tls.certFile()).toFile(), readable("tls.key_file", tls.keyFile()).toFile());
        }
        try {
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw new IOException("tls: cannot use the certificates or key (PEM files; the key unencrypted PKCS#8): " + e, e);
        }
    }

    /**
     * A handler for one connection to {@code serverName}, which is sent as SNI and, with
     * {@code verify_hostname}, must be named by the server's certificate (as a DNS name or an IP
     * address).
     */
    static SslHandler handler(SslContext context, ByteBufAllocator alloc, SyslogOptions.TlsOptions tls, int port,
                              long handshakeTimeoutMillis) {
        SslHandler handler = context.newHandler(alloc, tls.serverName(), port);
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        // Set either way: Netty 4.2 turns verification on by default, earlier versions off.
        params.setEndpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : "");
        engine.setSSLParameters(params);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    private static Path readable(String key, Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException(key + ": cannot read " + file.toAbsolutePath());
        }
        return file;
    }
}
