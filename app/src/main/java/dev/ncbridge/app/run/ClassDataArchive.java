package dev.ncbridge.app.run;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the JVM uses the class-data archive the launcher named ({@code -XX:SharedArchiveFile}).
 * JDK 17 starts without an archive it cannot use (made by another JVM build, for another jar, or
 * with options that lay objects out otherwise) and says so only at its info level, while that start
 * is slower than one that named none: the JDK's own archive goes unused too. So the bridge says it.
 */
final class ClassDataArchive {
    private static final Logger log = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final String OPTION = "-XX:SharedArchiveFile=";

    private ClassDataArchive() {
    }

    /** Logs a warning when the archive this JVM was started with is not in use. */
    static void warnIfUnused() {
        unused(ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.vm.info", ""))
                .ifPresent(log::warn);
    }

    /**
     * @param jvmArguments the JVM's options; the last archive named is the one it tried
     * @param vmInfo the {@code java.vm.info} property, which says "sharing" while an archive is mapped
     */
    static Optional<String> unused(List<String> jvmArguments, String vmInfo) {
        Optional<String> archive = jvmArguments.stream().filter(a -> a.startsWith(OPTION)).reduce((a, b) -> b)
                .map(a -> a.substring(OPTION.length()));
        if (archive.isEmpty() || vmInfo.contains("sharing")) {
            return Optional.empty();
        }
        return Optional.of("the class-data archive " + archive.get() + " is not used: it was made by another Java"
                + " runtime, for another ncbridge.jar or with other JVM options, and the bridge starts about a second"
                + " slower without it; make it again with ncbridge-cds (docs/operations.md, \"The class-data"
                + " archive\")");
    }
}
