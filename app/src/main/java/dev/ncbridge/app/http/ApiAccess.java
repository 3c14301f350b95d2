package dev.ncbridge.app.http;

import dev.ncbridge.config.ApiToken;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who may use {@code /api/v1/*}. The container and Kubernetes files bind the endpoint on every
 * interface for the probes, and the API tells anyone who asks which hosts send what: with
 * {@code http.api_token} a client must send {@code Authorization: Bearer <token>}; without, only
 * loopback clients are answered. {@code /metrics} and {@code /health/*} stay open.
 */
final class ApiAccess {
    private static final String BEARER = "Bearer ";

    /** The token's SHA-256, or null when none is configured. */
    private final byte[] tokenDigest;

    ApiAccess(ApiToken token) {
        this.tokenDigest = token == null ? null : sha256(token.secret());
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return null when the client may use the API, else the answer that refuses it
     */
    Response refusal(InetAddress client, String authorization) {
        if (tokenDigest == null) {
            return client.isLoopbackAddress() ? null : Response.error(403, "the API answers only clients on this"
                    + " host while http.api_token is not set; set it and send \"Authorization: Bearer <token>\"");
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && sameToken(authorization.substring(BEARER.length()).trim())) {
            return null;
        }
        return Response.error(401, "send the API token as \"Authorization: Bearer <token>\"")
                .withHeader("WWW-Authenticate", "Bearer realm=\"ncbridge\"");
    }

    /**
     * Compares digests, which have one length whatever was sent, with {@link MessageDigest#isEqual},
     * which takes the same time wherever they differ: the answer's timing tells nothing about the token.
     */
    private boolean sameToken(String presented) {
        return MessageDigest.isEqual(tokenDigest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
