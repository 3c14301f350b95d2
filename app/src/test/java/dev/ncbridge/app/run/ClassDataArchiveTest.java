package dev.ncbridge.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassDataArchiveTest {
    private static final String MAPPED = "mixed mode, sharing";
    private static final String NOT_MAPPED = "mixed mode";

    @Test
    void anArchiveNamedAndNotMappedIsReportedByItsPath() {
        assertThat(ClassDataArchive.unused(List.of("-Xmx128m", "-XX:SharedArchiveFile=/opt/ncbridge/lib/ncbridge.jsa"),
                NOT_MAPPED)).hasValueSatisfying(w -> assertThat(w)
                .startsWith("the class-data archive /opt/ncbridge/lib/ncbridge.jsa is not used")
                .contains("ncbridge-cds"));
    }

    @Test
    void anArchiveInUseIsNotReported() {
        assertThat(ClassDataArchive.unused(List.of("-XX:SharedArchiveFile=/a.jsa"), MAPPED)).isEmpty();
    }

    /** Without an archive named (./ncbridge from a checkout), "not sharing" is no news: -Xshare:off, say. */
    @Test
    void noArchiveNamedIsNotReported() {
        assertThat(ClassDataArchive.unused(List.of("-Xmx128m", "-Xshare:off"), NOT_MAPPED)).isEmpty();
    }

    @Test
    void theLastArchiveNamedIsTheOneReported() {
        assertThat(ClassDataArchive.unused(List.of("-XX:SharedArchiveFile=/first.jsa",
                "-XX:SharedArchiveFile=/second.jsa"), NOT_MAPPED)).hasValueSatisfying(w -> assertThat(w)
                .contains("/second.jsa").doesNotContain("/first.jsa"));
    }
}
