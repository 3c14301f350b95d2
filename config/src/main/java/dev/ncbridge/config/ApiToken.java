package dev.ncbridge.config;

/**
 * The secret that clients of the HTTP API send as {@code Authorization: Bearer <token>}. Usually
 * given as {@code ${file:/run/secrets/...}} or {@code ${ENV}}. It never shows in a message or in
 * {@link #toString()}, so that no log or {@code validate} output leaks it.
 */
public final class ApiToken {
    /** 16 characters of hex are 64 bits: below that a token is guessable, not a secret. */
    static final int MIN_LENGTH = 16;

    private final String secret;

    private ApiToken(String secret) {
        this.secret = secret;
    }

    /**
     * The token, or null for an empty text: {@code "${NCBRIDGE_API_TOKEN:-}"} then leaves the API to
     * loopback clients while the variable is unset, which is the safe side.
     *
     * @throws IllegalArgumentException when {@code text} is too short or not one word of visible
     *     ASCII; the message does not repeat it
     */
    public static ApiToken parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token has " + text.length() + " characters; use at least "
                    + MIN_LENGTH + ", as from \"openssl rand -hex 32\"");
        }
        if (!text.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("the token must be visible ASCII characters without spaces,"
                    + " as an HTTP Authorization header carries it");
        }
        return new ApiToken(text);
    }

    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
