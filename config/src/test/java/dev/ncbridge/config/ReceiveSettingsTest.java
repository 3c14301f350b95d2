package dev.ncbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ReceiveSettingsTest {
    private static final long GIB = 1L << 30;

    @Test
    void theDefaultSocketBufferIsA32ndOfTheMemoryFrom16To256MiB() {
        assertThat(ReceiveSettings.defaultSocketBuffer(24 * GIB)).isEqualTo(DataSize.parse("256MiB"));
        assertThat(ReceiveSettings.defaultSocketBuffer(8 * GIB)).isEqualTo(DataSize.parse("256MiB"));
        assertThat(ReceiveSettings.defaultSocketBuffer(4 * GIB)).isEqualTo(DataSize.parse("128MiB"));
        assertThat(ReceiveSettings.defaultSocketBuffer(3 * GIB)).isEqualTo(DataSize.parse("96MiB"));
        assertThat(ReceiveSettings.defaultSocketBuffer(2 * GIB)).isEqualTo(DataSize.parse("64MiB"));
        assertThat(ReceiveSettings.defaultSocketBuffer(GIB / 2)).isEqualTo(DataSize.parse("16MiB"));
        assertThat(ReceiveSettings.defaultSocketBuffer(0)).isEqualTo(DataSize.parse("16MiB"));
    }

    @Test
    void theDefaultSocketBufferIsInWholeMiB() {
        assertThat(ReceiveSettings.defaultSocketBuffer(3 * GIB - 1)).isEqualTo(DataSize.parse("95MiB"));
    }

    @Test
    void aConfigurationWithoutSocketBufferTakesTheDefaultForTheMemoryThisProcessSees() {
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();

        assertThat(ReceiveSettings.defaults().socketBuffer()).isEqualTo(ReceiveSettings.defaultSocketBuffer(memory));
    }

    @Test
    void aSocketBufferTheConfigurationNamesIsKept() {
        ReceiveSettings settings = new ReceiveSettings(null, DataSize.parse("1MiB"), null, null, null, null, null);

        assertThat(settings.socketBuffer()).isEqualTo(DataSize.parse("1MiB"));
    }
}
