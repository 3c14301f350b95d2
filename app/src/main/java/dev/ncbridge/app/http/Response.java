package dev.ncbridge.app.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, content type, extra headers and the whole body. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final String JSON = "application/json";

    static Response json(int status, Object value) {
        return new Response(status, JSON, Json.bytes(value), Map.of());
    }

    /** A JSON error body, {@code {"error": "..."}}, so that clients parse every answer the same way. */
    static Response error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    static Response text(String contentType, String body) {
        return new Response(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** This answer with one more header. */
    Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, Map.copyOf(more));
    }
}
