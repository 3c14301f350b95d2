package dev.ncbridge.app.run;

import dev.ncbridge.sink.SinkProvider;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sinks that ship as jars of their own, {@code sinks/<type>.jar} beside ncbridge.jar (in
 * the launchers' {@code lib/}): Elasticsearch's, whose client is 10,000 classes.
 * ncbridge.jar leaves it out because the JVM keeps the directory of every
 * jar it opens on the heap for the life of the process: 1.3 MiB for its 12,000 entries, which
 * a bridge without that sink has no use for. (Kafka's sink stays in ncbridge.jar: Micrometer's
 * binder of the Kafka client's metrics is there, and must see the client's classes.)
 *
 * <p>A type's jar is opened the first time a configuration names the type, in a class loader of
 * its own on top of ncbridge's, and kept for the life of the process: the checks of later
 * reloads use the same provider, and the classes are loaded once.
 */
final class BundledSinks {
    private static final Logger log = LoggerFactory.getLogger(BundledSinks.class);

    private final Path dir;
    private final ClassLoader parent;
    private final Map<String, SinkProvider> loaded = new HashMap<>();

    BundledSinks(Path dir, ClassLoader parent) {
        this.dir = dir;
        this.parent = parent;
    }

    /** The bundled sinks of this installation: the {@code sinks} folder beside the jar ncbridge runs from. */
    static BundledSinks shipped() {
        return Shipped.SINKS;
    }

    /** The types there is a jar for, in name order. */
    SortedSet<String> types() {
        SortedSet<String> types = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return types;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .forEach(n -> types.add(n.substring(0, n.length() - ".jar".length())));
        } catch (IOException e) {
            log.warn("cannot list the bundled sinks in {}: {}", dir, e.toString());
        }
        return types;
    }

    /**
     * The provider of a type, its jar loaded the first time; null when there is no jar for it.
     *
     * @throws IllegalStateException when the jar cannot be loaded or holds no provider of the type
     */
    synchronized SinkProvider provider(String type) {
        SinkProvider provider = loaded.get(type);
        if (provider != null || !types().contains(type)) {
            return provider;
        }
        Path jar = dir.resolve(type + ".jar");
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("sink-" + type, new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot load the " + type + " sink from " + jar + ": " + e.getMessage(), e);
        }
        try {
            for (SinkProvider p : ServiceLoader.load(SinkProvider.class, loader)) {
                // The loader also finds the parent's providers: only the jar's own one counts.
                if (p.getClass().getClassLoader() == loader && p.type().equals(type)) {
                    provider = p;
                }
            }
        } catch (ServiceConfigurationError e) {
            close(loader);
            throw new IllegalStateException("cannot load the " + type + " sink from " + jar + ": " + e.getMessage(), e);
        }
        if (provider == null) {
            close(loader);
            throw new IllegalStateException(jar + " holds no sink of type \"" + type + "\"");
        }
        log.debug("loaded the {} sink from {}", type, jar);
        loaded.put(type, provider);
        return provider;
    }

    /**
     * Closes the loader of a jar that gave no provider, so that a reload retrying a broken jar
     * does not keep one more open jar (and its directory on the heap) each time.
     */
    private void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            log.debug("closing {}: {}", dir, e.toString());
        }
    }

    /** Made on first use: a bridge with only the built-in sinks never looks. */
    private static final class Shipped {
        static final BundledSinks SINKS = new BundledSinks(besideTheJar(), BundledSinks.class.getClassLoader());

        private static Path besideTheJar() {
            CodeSource code = BundledSinks.class.getProtectionDomain().getCodeSource();
            try {
                return code == null ? Path.of("sinks") : Path.of(code.getLocation().toURI()).resolveSibling("sinks");
            } catch (URISyntaxException e) {
                throw new IllegalStateException("the path of ncbridge's jar: " + e.getMessage(), e);
            }
        }
    }
}
