package dev.ncbridge.config;

/**
 * One thing wrong with a configuration, located so a user can go straight to it.
 *
 * @param origin the file name, or a description such as "built-in default"
 * @param path the key path, as {@code sinks.kafka.acks} or {@code routes[1].to}
 * @param line 1-based line of the key in the file, or 0 when unknown
 */
public record ConfigProblem(String origin, String path, int line, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(origin);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
