package dev.ncbridge.sink.syslog;

/**
 * The character rules of RFC 5424 names (APP-NAME, SD-ID, PARAM-NAME) and of the RFC 3164 TAG:
 * checks for configured names, and a sanitizer for names that come from records.
 */
final class SyslogNames {
    /** RFC 5424 SD-NAME: at most 32 characters. */
    static final int MAX_SD_NAME = 32;
    static final int MAX_APP_NAME = 48;
    static final int MAX_TAG = 32;

    private SyslogNames() {
    }

    /** PRINTUSASCII (%d33-126): visible ASCII, no space. */
    static boolean printable(char c) {
        return c >= 33 && c <= 126;
    }

    /** A character allowed in an SD-NAME: printable, and none of {@code = ] "}. */
    static boolean sdNameChar(char c) {
        return printable(c) && c != '=' && c != ']' && c != '"';
    }

    /** Null if {@code name} is a valid APP-NAME, else why not. */
    static String checkAppName(String name) {
        if (name.isEmpty() || name.length() > MAX_APP_NAME || !name.chars().allMatch(c -> printable((char) c))) {
            return "\"" + name + "\" is not an APP-NAME: 1 to 48 visible ASCII characters, no spaces";
        }
        return null;
    }

    /** Null if {@code name} is a usable RFC 3164 TAG, else why not. */
    static String checkTag(String name) {
        if (name.isEmpty() || name.length() > MAX_TAG
                || !name.chars().allMatch(c -> printable((char) c) && c != ':' && c != '[' && c != ']')) {
            return "\"" + name + "\" is not an RFC 3164 TAG: 1 to 32 visible ASCII characters, no spaces, ':', '[' or ']'";
        }
        return null;
    }

    /** Null if {@code id} is a private SD-ID ({@code name@<enterprise number>}), else why not. */
    static String checkSdId(String id) {
        int at = id.indexOf('@');
        boolean nameOk = !id.isEmpty() && id.length() <= MAX_SD_NAME && id.chars().allMatch(c -> sdNameChar((char) c));
        boolean numberOk = at > 0 && at < id.length() - 1 && id.indexOf('@', at + 1) < 0
                && id.substring(at + 1).chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        if (!nameOk || !numberOk) {
            return "\"" + id + "\" is not a private SD-ID: write name@<enterprise number>, as netconsole@32473,"
                    + " at most 32 visible ASCII characters without = ] \" (IDs without @ are reserved to IANA)";
        }
        return null;
    }

    /**
     * A PARAM-NAME for a key that comes from a record: {@code prefix + key}, with every character
     * an SD-NAME may not hold replaced by {@code _}, cut to 32 characters.
     */
    static String paramName(String prefix, String key) {
        StringBuilder sb = new StringBuilder(Math.min(MAX_SD_NAME, prefix.length() + key.length()));
        String all = prefix + key;
        for (int i = 0; i < all.length() && sb.length() < MAX_SD_NAME; i++) {
            char c = all.charAt(i);
            sb.append(sdNameChar(c) ? c : '_');
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }
}
