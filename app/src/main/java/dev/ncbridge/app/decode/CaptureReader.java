package dev.ncbridge.app.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ncbridge.ingest.receive.Datagram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The capture format of {@code fixtures/kernel/*.jsonl}: one JSON object per line,
 * {@code {"port": 16666, "recv_ns": 1795314022370511791, "payload_b64": "..."}} (other fields
 * are ignored). A capture records the port each datagram arrived on, one per netconsole target,
 * and not the sender's address; so the port becomes the source port, which keeps each target a
 * source of its own, and every datagram is attributed to one address.
 */
final class CaptureReader implements DatagramReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedReader lines;
    private final InetAddress address;
    private int lineNumber;

    CaptureReader(InputStream in, InetAddress address) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.address = address;
    }

    @Override
    public Datagram next() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (!line.isBlank()) {
                return parse(line);
            }
        }
        return null;
    }

    private Datagram parse(String line) throws CaptureFormatException {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw error("not a JSON object: " + e.getOriginalMessage());
        }
        if (!n.isObject()) {
            throw error("not a JSON object");
        }
        int port = (int) number(n, "port", 65535, "the UDP port, 0..65535");
        long receivedAtNanos = number(n, "recv_ns", Long.MAX_VALUE, "the receive time, nanoseconds since the epoch");
        JsonNode b64 = n.get("payload_b64");
        if (b64 == null || !b64.isTextual()) {
            throw error("missing or invalid payload_b64 (the datagram's bytes, base64)");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(b64.asText());
        } catch (IllegalArgumentException e) {
            throw error("payload_b64 is not base64: " + e.getMessage());
        }
        return new Datagram(payload, new InetSocketAddress(address, port), receivedAtNanos);
    }

    /** A whole number field in {@code 0..max}. */
    private long number(JsonNode n, String field, long max, String meaning) throws CaptureFormatException {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
            throw error("missing or invalid " + field + " (" + meaning + ")");
        }
        return v.asLong();
    }

    private CaptureFormatException error(String what) {
        return new CaptureFormatException("line " + lineNumber + ": " + what);
    }
}
