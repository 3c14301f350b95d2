package dev.ncbridge.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** What {@code ncbridge --version} prints: the project version, which Maven writes into a resource. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    static final String RESOURCE = "/dev/ncbridge/app/version.properties";

    @Override
    public String[] getVersion() throws IOException {
        return new String[] {
            "ncbridge " + projectVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }

    /** The project version Maven wrote into the build. */
    public static String projectVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + " is missing from the build");
            }
            p.load(in);
        }
        return p.getProperty("version");
    }
}
