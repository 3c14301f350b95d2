package dev.ncbridge.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configfs tree of netconsole targets, and the kernel behind it: what a ping writes to the fake
 * {@code /dev/kmsg} or to a target's {@code send_msg} goes out as the kernel's netconsole would
 * send it, in the target's format, from its local to its remote address. For the Java
 * {@code ncbridge ping} and the shell {@code ncbridge-ping} alike.
 */
public final class FakeNetconsole {
    private static final Pattern PING = Pattern.compile("(?:<\\d+>)?(ncbridge-ping nonce=\\S+ via=\\S+ target=(\\S+))\n?");
    private static final int LEVEL_NOTICE = 5;
    private static final int FACILITY_USER = 1;

    private final Path configfs;
    private long seq;

    public FakeNetconsole(Path configfs) {
        this.configfs = configfs;
    }

    public Path configfs() {
        return configfs;
    }

    /** A target directory as the kernel's configfs shows it; {@code send_msg} only where a kernel offers it. */
    public Path target(String name, boolean enabled, int remotePort, int localPort, boolean extended, boolean sendMsg)
            throws IOException {
        Path dir = Files.createDirectories(configfs.resolve(name));
        Files.writeString(dir.resolve("enabled"), enabled ? "1\n" : "0\n");
        Files.writeString(dir.resolve("remote_ip"), "127.0.0.1\n");
        Files.writeString(dir.resolve("remote_port"), remotePort + "\n");
        Files.writeString(dir.resolve("local_ip"), "127.0.0.1\n");
        Files.writeString(dir.resolve("local_port"), localPort + "\n");
        Files.writeString(dir.resolve("dev_name"), "lo\n");
        Files.writeString(dir.resolve("extended"), extended ? "1\n" : "0\n");
        Files.writeString(dir.resolve("release"), "0\n");
        Files.createDirectories(dir.resolve("userdata"));
        if (sendMsg) {
            Files.createFile(dir.resolve("send_msg"));
        }
        return dir;
    }

    /**
     * Sends one record written to kmsg or send_msg ({@code <5>ncbridge-ping ...}) as the named
     * target's kernel would, from {@code fromPort} (the target's local port, unless a test wants
     * a stranger).
     */
    public void send(String written, int fromPort) throws IOException {
        Matcher m = PING.matcher(written);
        assertThat(m.matches()).as("a ping record: %s", written).isTrue();
        Path dir = configfs.resolve(m.group(2));
        byte[] text = m.group(1).getBytes(StandardCharsets.UTF_8);
        long tsUs = 1_000_000 + seq;
        List<byte[]> datagrams = attribute(dir, "extended").equals("1")
                ? NetconsoleEncoder.extended(ExtendedMessage.builder().facility(FACILITY_USER).level(LEVEL_NOTICE)
                        .seq(seq++).tsUs(tsUs).flag('-').body(text).build())
                : NetconsoleEncoder.legacy(NetconsoleEncoder.consoleText(tsUs, text));
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(attribute(dir, "remote_ip")),
                Integer.parseInt(attribute(dir, "remote_port")));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(attribute(dir, "local_ip"), fromPort))) {
            for (byte[] d : datagrams) {
                socket.send(new DatagramPacket(d, d.length, remote));
            }
        }
    }

    /** Sends it from the target's own local port, as the kernel does. */
    public void send(String written) throws IOException {
        Matcher m = PING.matcher(written);
        assertThat(m.matches()).as("a ping record: %s", written).isTrue();
        send(written, Integer.parseInt(attribute(configfs.resolve(m.group(2)), "local_port")));
    }

    private static String attribute(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name)).strip();
    }
}
