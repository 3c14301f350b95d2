package dev.ncbridge.ingest.record;

/**
 * The device info the kernel puts first in an extended message's dictionary; at least one of the
 * two is present.
 *
 * @param subsystem the dictionary's {@code SUBSYSTEM}, or {@code null}
 * @param device the dictionary's {@code DEVICE}, or {@code null}
 */
public record Device(String subsystem, String device) {
    public Device {
        if (subsystem == null && device == null) {
            throw new IllegalArgumentException("device info without SUBSYSTEM or DEVICE: use null");
        }
    }
}
