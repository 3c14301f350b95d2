package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Makes the client a sink talks through: the official async client over the low-level REST client. */
final class ClientFactory {
    private ClientFactory() {
    }

    /**
     * Opens a client for these options; no request is sent yet.
     *
     * @throws IOException when the {@code ca_file} cannot be read
     */
    static ElasticsearchAsyncClient open(ElasticsearchOptions options) throws IOException {
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis());
        SSLContext ssl = sslContext(options);
        RestClientBuilder builder = RestClient.builder(options.hosts().toArray(HttpHost[]::new))
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(timeoutMillis).setSocketTimeout(timeoutMillis))
                .setHttpClientConfigCallback(hc -> {
                    // Enough connections for every concurrent bulk request plus the health check.
                    int connections = options.bulk().concurrentRequests() + 2;
                    hc.setMaxConnPerRoute(Math.max(10, connections)).setMaxConnTotal(Math.max(30, connections));
                    if (ssl != null) {
                        hc.setSSLContext(ssl);
                    }
                    if (!options.verify()) {
                        hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                    }
                    return hc;
                });
        if (options.authorization() != null) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, options.authorization())});
        }
        return new ElasticsearchAsyncClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper()));
    }

    /** The TLS context: trust everything with verify off, the ca_file's authorities, or null for the JVM's. */
    private static SSLContext sslContext(ElasticsearchOptions options) throws IOException {
        if (!options.verify()) {
            return trustingEverything();
        }
        if (options.caFile() == null) {
            return null;
        }
        try {
            return TransportUtils.sslContextFromHttpCaCrt(options.caFile().toFile());
        } catch (IOException | RuntimeException e) {
            throw new IOException("ca_file " + options.caFile() + ": cannot read a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static SSLContext trustingEverything() throws IOException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // verify: false was asked for; nothing is checked.
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // verify: false was asked for; nothing is checked.
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e, e);
        }
    }
}
