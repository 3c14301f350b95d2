package dev.ncbridge.app.run;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class loader for plugin jars: every {@code *.jar} in the plugin directory, in name order,
 * on top of the application's class path, so plugins see the sink SPI and the record model.
 */
final class PluginLoader {
    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private PluginLoader() {
    }

    static ClassLoader forDirectory(Path dir, ClassLoader parent) {
        if (!Files.isDirectory(dir)) {
            log.debug("no plugin directory at {}", dir.toAbsolutePath());
            return parent;
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
                log.info("plugin jar {}", jar.toAbsolutePath());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad plugin path: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the plugin directory " + dir.toAbsolutePath() + ": " + e, e);
        }
        return jars.isEmpty() ? parent : new URLClassLoader("plugins", jars.toArray(new URL[0]), parent);
    }
}
