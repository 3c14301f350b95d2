package dev.ncbridge.app.decode;

import java.io.IOException;

/** A capture file line that is not a captured datagram. An input error, like a failed read. */
final class CaptureFormatException extends IOException {
    CaptureFormatException(String message) {
        super(message);
    }
}
