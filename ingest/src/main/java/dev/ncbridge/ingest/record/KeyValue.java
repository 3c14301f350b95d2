package dev.ncbridge.ingest.record;

import java.util.Objects;

/** One dictionary line ({@code key=value}) of an extended message, in arrival order. */
public final class KeyValue {
    private final String key;
    private final String value;

    public KeyValue(String key, String value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue && ((KeyValue) o).key.equals(key) && ((KeyValue) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
