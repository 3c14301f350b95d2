package dev.ncbridge.app.blast;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One UDP socket per simulated host: each on its own loopback address (127.1.0.1, 127.1.0.2...,
 * which Linux routes on {@code lo} without configuration), or all on one address with distinct
 * ports. A bridge keys its per-source state by address and port either way.
 */
final class SimulatedHosts implements AutoCloseable {
    /** The first host's address; the block 127.1.0.0/16 and up leaves 127.0.0.1 to real services. */
    private static final int FIRST = (127 << 24) | (1 << 16) | 1;

    private final DatagramChannel[] channels;

    private SimulatedHosts(DatagramChannel[] channels) {
        this.channels = channels;
    }

    /**
     * @param distinctAddresses one loopback address per host; otherwise one port per host on {@code local}
     * @param local the address to send from when hosts differ by port only
     */
    static SimulatedHosts open(int count, boolean distinctAddresses, InetAddress local) throws IOException {
        DatagramChannel[] channels = new DatagramChannel[count];
        try {
            for (int i = 0; i < count; i++) {
                channels[i] = DatagramChannel.open();
                channels[i].bind(new InetSocketAddress(distinctAddresses ? loopback(i) : local, 0));
            }
        } catch (IOException e) {
            for (DatagramChannel c : channels) {
                if (c != null) {
                    c.close();
                }
            }
            throw e;
        }
        return new SimulatedHosts(channels);
    }

    /** The {@code i}-th host's address, skipping the .0 and .255 of every /24. */
    static InetAddress loopback(int i) throws IOException {
        int perBlock = 254;
        int address = FIRST + (i / perBlock) * 256 + (i % perBlock);
        if ((address >>> 24) != 127) {
            throw new IOException("too many hosts for 127.0.0.0/8");
        }
        return Inet4Address.getByAddress(new byte[] {
            (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    int count() {
        return channels.length;
    }

    void send(int host, ByteBuffer datagram, InetSocketAddress to) throws IOException {
        channels[host].send(datagram, to);
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel c : channels) {
            c.close();
        }
    }
}
