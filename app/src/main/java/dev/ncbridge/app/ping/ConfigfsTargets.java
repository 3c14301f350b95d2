package dev.ncbridge.app.ping;

import dev.ncbridge.config.IpLiterals;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the netconsole targets under a configfs root, as the kernel's netconsole documents them:
 * one directory per target with {@code enabled}, {@code remote_ip}, {@code remote_port},
 * {@code local_ip}, {@code local_port}, {@code dev_name}, {@code extended} and (newer kernels)
 * {@code release} attribute files.
 */
public final class ConfigfsTargets {
    private ConfigfsTargets() {
    }

    /**
     * @throws TargetsException when the root is missing or a target's attributes cannot be read
     */
    public static List<NetconsoleTarget> read(Path root) throws TargetsException {
        if (!Files.isDirectory(root)) {
            throw new TargetsException("no netconsole configfs at " + root + " (is configfs mounted and netconsole"
                    + " loaded with CONFIG_NETCONSOLE_DYNAMIC?)");
        }
        List<NetconsoleTarget> targets = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                targets.add(target(dir));
            }
        } catch (IOException e) {
            throw new TargetsException("cannot list " + root + ": " + e.getMessage());
        }
        return targets;
    }

    private static NetconsoleTarget target(Path dir) throws TargetsException {
        String name = dir.getFileName().toString();
        return new NetconsoleTarget(name, dir,
                flag(dir, "enabled", true),
                address(dir, "remote_ip", true),
                port(dir, "remote_port"),
                address(dir, "local_ip", false),
                port(dir, "local_port"),
                attribute(dir, "dev_name", false),
                flag(dir, "extended", false),
                flag(dir, "release", false));
    }

    private static boolean flag(Path dir, String attribute, boolean required) throws TargetsException {
        String v = attribute(dir, attribute, required);
        return v != null && v.equals("1");
    }

    private static int port(Path dir, String attribute) throws TargetsException {
        String v = attribute(dir, attribute, true);
        try {
            int port = Integer.parseInt(v);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new TargetsException(dir.resolve(attribute) + ": not a port: \"" + v + "\"");
    }

    /** The address, or null when it is absent or all zeros (unset). */
    private static InetAddress address(Path dir, String attribute, boolean required) throws TargetsException {
        String v = attribute(dir, attribute, required);
        if (v == null || v.isEmpty()) {
            return null;
        }
        InetAddress a = IpLiterals.parse(v);
        if (a == null) {
            throw new TargetsException(dir.resolve(attribute) + ": not an IP address: \"" + v + "\"");
        }
        if (a.isAnyLocalAddress()) {
            if (required) {
                throw new TargetsException(dir.resolve(attribute) + ": unset (" + v + ")");
            }
            return null;
        }
        return a;
    }

    private static String attribute(Path dir, String attribute, boolean required) throws TargetsException {
        try {
            return Files.readString(dir.resolve(attribute), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            if (required) {
                throw new TargetsException(dir.resolve(attribute) + ": missing");
            }
            return null;
        } catch (IOException e) {
            throw new TargetsException("cannot read " + dir.resolve(attribute) + ": " + e.getMessage());
        }
    }

    /** The targets cannot be read; the message says which file and why. */
    public static final class TargetsException extends Exception {
        public TargetsException(String message) {
            super(message);
        }
    }
}
