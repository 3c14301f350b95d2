package dev.ncbridge.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a route answers: status, content type and the whole body. */
record Response(int status, String contentType, byte[] body) {
    private static final String JSON = "application/json";

    static Response json(int status, Object value) {
        return new Response(status, JSON, Json.bytes(value));
    }

    /** A JSON error body, {@code {"error": "..."}}, so that clients parse every answer the same way. */
    static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    static Response text(String contentType, String body) {
        return new Response(200, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
