package dev.ncbridge.app.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.ncbridge.sink.encode.TimestampFormatter;
import java.io.IOException;
import java.time.Instant;

/** The API's JSON: snake_case names, and times written as the records' {@code @timestamp} is. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new SimpleModule().addSerializer(Instant.class, new InstantSerializer()));

    private Json() {
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * UTC, ISO-8601, six fractional digits ({@code 2026-11-21T10:15:30.123456Z}): the same text as
     * a record's {@code @timestamp}, so a source's last_seen can be matched against its records.
     */
    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(TimestampFormatter.format(value.getEpochSecond() * 1_000_000_000L + value.getNano()));
        }
    }
}
