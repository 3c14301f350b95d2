package dev.ncbridge.sink.console;

/**
 * Makes a value from a datagram (a host name, an address) safe to put in a file path. Host names
 * come from configuration or reverse DNS, which an attacker controlling a PTR record can fill with
 * {@code ../../etc/passwd}; whatever they hold must stay one plain name inside the sink's directory.
 */
final class SafeName {
    private SafeName() {
    }

    /**
     * Appends {@code value} with every character other than {@code [A-Za-z0-9._:-]} replaced by
     * {@code _}, and the second of two dots in a row too; an empty value or a lone {@code .}
     * becomes {@code _}. So what is appended never contains {@code /} or {@code ..}, and is
     * never empty or {@code .}.
     */
    static void append(StringBuilder out, String value) {
        int start = out.length();
        char previous = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char safe = allowed(c) && !(c == '.' && previous == '.') ? c : '_';
            out.append(safe);
            previous = safe;
        }
        if (out.length() == start) {
            out.append('_');
        } else if (out.length() == start + 1 && out.charAt(start) == '.') {
            out.setCharAt(start, '_');
        }
    }

    static String of(String value) {
        StringBuilder out = new StringBuilder(value.length() + 1);
        append(out, value);
        return out.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
    }
}
