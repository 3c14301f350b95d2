package dev.ncbridge.sink.console;

/** @param encode whether to encode each record (in the sink's {@code format}) before dropping it */
record BlackholeSettings(Boolean encode) {
    BlackholeSettings {
        encode = encode != null && encode;
    }
}
