package dev.ncbridge.app.ping;

import dev.ncbridge.ingest.record.Ping;
import dev.ncbridge.ingest.wire.ExtendedMessage;
import dev.ncbridge.ingest.wire.NetconsoleEncoder;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongSupplier;

/** Sends one target's ping the way asked. */
final class PingSender {
    /** Notice: logged by default everywhere, but not a warning anyone acts on. */
    private static final int LEVEL_NOTICE = 5;
    private static final int FACILITY_USER = 1;

    private final Path kmsg;
    private final String kernelRelease;
    private final LongSupplier uptimeUs;

    /**
     * @param kmsg the kernel log device, {@code /dev/kmsg}
     * @param kernelRelease for targets that prefix it, as {@code uname -r} prints it
     * @param uptimeUs the kernel's clock, for the header of a ping sent from user space
     */
    PingSender(Path kmsg, String kernelRelease, LongSupplier uptimeUs) {
        this.kmsg = kmsg;
        this.kernelRelease = kernelRelease;
        this.uptimeUs = uptimeUs;
    }

    SentPing send(NetconsoleTarget target, PingVia via, String nonce) throws IOException {
        String text = new Ping(nonce, via.wireName(), PingTargetName.of(target.name())).text();
        return switch (via) {
            case UDP -> udp(target, nonce, text);
            case KMSG -> {
                // A level prefix, or the kernel logs it at the default level; one write is one record.
                write(kmsg, "<" + LEVEL_NOTICE + ">" + text + "\n");
                yield new SentPing(target, nonce, via, target.localIp(), target.localPort());
            }
            case SEND_MSG -> {
                Path sendMsg = target.sendMsg();
                if (sendMsg == null) {
                    throw new IOException("this kernel offers no send_msg attribute in " + target.dir());
                }
                write(sendMsg, text);
                yield new SentPing(target, nonce, via, target.localIp(), target.localPort());
            }
        };
    }

    private static void write(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
    }

    /**
     * From the target's local port when it is free, so that the bridge counts the ping against the
     * same source as the kernel's messages; from an ephemeral port otherwise.
     */
    private SentPing udp(NetconsoleTarget target, String nonce, String text) throws IOException {
        List<byte[]> datagrams = datagrams(target, text);
        DatagramSocket socket;
        Integer fromPort = target.localPort();
        try {
            socket = new DatagramSocket(new InetSocketAddress(target.localIp(), target.localPort()));
        } catch (BindException e) {
            socket = new DatagramSocket(new InetSocketAddress(target.localIp(), 0));
            fromPort = null;
        } catch (SocketException e) {
            throw new IOException("cannot open a socket on " + target.localIp() + ": " + e.getMessage(), e);
        }
        try (DatagramSocket s = socket) {
            for (byte[] d : datagrams) {
                s.send(new DatagramPacket(d, d.length, target.remote()));
            }
        }
        return new SentPing(target, nonce, PingVia.UDP, target.localIp(), fromPort);
    }

    /** The ping in the target's format, as its kernel would send a message of that text. */
    private List<byte[]> datagrams(NetconsoleTarget target, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        long ts = uptimeUs.getAsLong();
        if (!target.extended()) {
            return NetconsoleEncoder.legacy(NetconsoleEncoder.consoleText(ts, body));
        }
        return NetconsoleEncoder.extended(ExtendedMessage.builder()
                .release(target.release() ? kernelRelease : null)
                .facility(FACILITY_USER)
                .level(LEVEL_NOTICE)
                .seq(0)
                .tsUs(ts)
                .flag('-')
                .body(body)
                .build());
    }
}
