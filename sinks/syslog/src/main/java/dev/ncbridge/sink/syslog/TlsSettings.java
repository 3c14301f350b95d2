package dev.ncbridge.sink.syslog;

/**
 * The {@code tls} keys of a syslog sink.
 *
 * @param caFile PEM certificates that may sign the server's certificate; absent: the JDK's trust store
 * @param certFile the client certificate chain (PEM), for servers that authenticate clients
 * @param keyFile the client's private key (PEM, PKCS#8, unencrypted)
 * @param verifyHostname check that the server's certificate names {@code server_name}
 * @param serverName the name to verify and to send as SNI; absent: the host of {@code address}
 */
record TlsSettings(String caFile, String certFile, String keyFile, Boolean verifyHostname, String serverName) {
    TlsSettings {
        verifyHostname = verifyHostname == null || verifyHostname;
    }
}
