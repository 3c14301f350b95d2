package dev.ncbridge.sink.syslog.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA with a server certificate (for {@code localhost} and {@code 127.0.0.1}) and a
 * client certificate, written as PEM files (keys unencrypted PKCS#8) into a directory.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path caCert;
    private final Path serverCert;
    private final Path serverKey;
    private final Path clientCert;
    private final Path clientKey;

    private TestCertificates(Path dir) {
        this.caCert = dir.resolve("ca.pem");
        this.serverCert = dir.resolve("server.pem");
        this.serverKey = dir.resolve("server-key.pem");
        this.clientCert = dir.resolve("client.pem");
        this.clientKey = dir.resolve("client-key.pem");
    }

    /** Makes the CA and both certificates in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException {
        TestCertificates c = new TestCertificates(dir);
        try {
            KeyPair ca = keyPair();
            X500Name caName = new X500Name("CN=ncbridge test CA");
            X509v3CertificateBuilder caBuilder = builder(caName, caName, ca);
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCert = sign(caBuilder, ca.getPrivate());

            KeyPair server = keyPair();
            X509v3CertificateBuilder sb = builder(caName, new X500Name("CN=localhost"), server);
            sb.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            }));
            sb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            sb.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate serverCert = sign(sb, ca.getPrivate());

            KeyPair client = keyPair();
            X509v3CertificateBuilder cb = builder(caName, new X500Name("CN=ncbridge test client"), client);
            cb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            cb.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate clientCert = sign(cb, ca.getPrivate());

            pem(c.caCert, "CERTIFICATE", caCert.getEncoded());
            pem(c.serverCert, "CERTIFICATE", serverCert.getEncoded());
            pem(c.serverKey, "PRIVATE KEY", server.getPrivate().getEncoded());
            pem(c.clientCert, "CERTIFICATE", clientCert.getEncoded());
            pem(c.clientKey, "PRIVATE KEY", client.getPrivate().getEncoded());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make test certificates: " + e, e);
        }
        return c;
    }

    public Path caCert() {
        return caCert;
    }

    public Path serverCert() {
        return serverCert;
    }

    public Path serverKey() {
        return serverKey;
    }

    public Path clientCert() {
        return clientCert;
    }

    public Path clientKey() {
        return clientKey;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        // RSA: GnuTLS (rsyslog's gtls driver) cannot read the JDK's PKCS#8 encoding of EC keys.
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair subjectKeys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
