package dev.ncbridge.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series {@code docs/metrics.md} names: the backquoted names in the first column of its
 * tables, labels ({@code {reason}}) left off. Names under a heading that says "present with that
 * sink" exist only when such a sink is configured.
 */
public final class MetricsDoc {
    /** How a heading marks series a bridge serves only with one kind of sink. */
    private static final String WITH_THAT_SINK = "present with that sink";
    private static final Pattern NAME = Pattern.compile("`([a-z_:][a-z0-9_:]*)(?:\\{[^`]*})?`");
    private static final Pattern SAMPLE_SUFFIX = Pattern.compile("_(bucket|count|sum)$");

    private final Set<String> all = new TreeSet<>();
    private final Set<String> always = new TreeSet<>();

    private MetricsDoc(String markdown) {
        boolean withSink = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                withSink = line.contains(WITH_THAT_SINK);
            } else if (line.startsWith("| `")) {
                Matcher m = NAME.matcher(line.substring(1, line.indexOf('|', 1)));
                while (m.find()) {
                    all.add(m.group(1));
                    if (!withSink) {
                        always.add(m.group(1));
                    }
                }
            }
        }
    }

    public static MetricsDoc read() {
        try {
            return new MetricsDoc(Files.readString(Repo.file("docs/metrics.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every series the page names. */
    public Set<String> all() {
        return all;
    }

    /**
     * Whether the page names {@code series}, or the histogram or summary it is a sample of
     * ({@code _bucket}, {@code _count}, {@code _sum}).
     */
    public boolean documents(String series) {
        return all.contains(series) || all.contains(SAMPLE_SUFFIX.matcher(series).replaceFirst(""));
    }

    /** The series every bridge serves, whatever its sinks. */
    public Set<String> always() {
        return always;
    }
}
