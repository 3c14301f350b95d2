package dev.ncbridge.app.ping;

/** A configfs target name as a ping carries it: one printable ASCII word (others become '_'). */
final class PingTargetName {
    private static final int MAX = 64;

    private PingTargetName() {
    }

    static String of(String name) {
        StringBuilder b = new StringBuilder(Math.min(name.length(), MAX));
        for (int i = 0; i < name.length() && b.length() < MAX; i++) {
            char c = name.charAt(i);
            b.append(c > ' ' && c <= '~' ? c : '_');
        }
        return b.isEmpty() ? "_" : b.toString();
    }
}
