package dev.ncbridge.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.app.testing.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * LICENSE is Apache-2.0, and NOTICE names exactly the libraries the runnable jar bundles: those the
 * build resolved for the app at run time (the dependency plugin's list), not one more or less.
 */
class NoticeTest {
    /** group:artifact as NOTICE writes them, at the start of an indented line. */
    private static final Pattern LISTED = Pattern.compile("(?m)^  ([\\w.-]+:[\\w.-]+)\\s");
    /** group:artifact:type[:classifier]:version:scope in the dependency plugin's list. */
    private static final Pattern RESOLVED = Pattern.compile("(?m)^\\s+([\\w.-]+):([\\w.-]+):jar:");

    private static Set<String> all(Pattern pattern, String text, boolean joined) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(joined ? m.group(1) + ":" + m.group(2) : m.group(1));
        }
        return found;
    }

    @Test
    void noticeListsEveryBundledLibraryAndNoOther() throws IOException {
        String bundled = Files.readString(Path.of(System.getProperty("ncbridge.bundled")));
        Set<String> resolved = all(RESOLVED, bundled, true);
        Set<String> listed = all(LISTED, Files.readString(Repo.file("NOTICE")), false);

        assertThat(resolved).as("the bundled list").isNotEmpty().contains("io.netty:netty-common");
        assertThat(listed).as("NOTICE").containsExactlyInAnyOrderElementsOf(resolved);
    }

    @Test
    void licenseIsApache2AndNoticeCarriesTheTextsOfTheOtherLicenses() throws IOException {
        assertThat(Files.readAllLines(Repo.file("LICENSE")).subList(0, 3)).extracting(String::strip)
                .isEqualTo(List.of("", "Apache License", "Version 2.0, January 2004"));
        assertThat(Files.readString(Repo.file("NOTICE"))).contains("MIT License (slf4j-api)",
                "BSD 2-Clause License (zstd-jni, HdrHistogram", "Permission is hereby granted",
                "Redistributions of source code must retain");
    }
}
