package dev.ncbridge.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Standard output as the stdout sink writes it (JSON lines), readable while the bridge runs. */
public final class StdoutRecords extends ByteArrayOutputStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    public synchronized List<JsonNode> records() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
