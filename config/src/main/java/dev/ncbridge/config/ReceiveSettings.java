package dev.ncbridge.config;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * How datagrams are read and handed to decoding.
 *
 * @param threads receiver threads per listen address (SO_REUSEPORT; more than one needs epoll)
 * @param socketBuffer SO_RCVBUF asked for; the kernel caps it at net.core.rmem_max, except for a
 *     process with CAP_NET_ADMIN on epoll (SO_RCVBUFFORCE). By default {@link
 *     #defaultSocketBuffer a 32nd of the memory}, from 16 MiB to 256 MiB
 * @param ringSize slots in the ring between receivers and workers, a power of two
 * @param ringMemory bytes the datagrams waiting in the rings may hold, over all workers
 * @param workers decode workers; each source always goes to the same one
 * @param transport {@code auto} (epoll on Linux, else NIO), {@code epoll} or {@code nio}
 * @param sharePort whether to share the UDP port with other sockets (other instances) on purpose;
 *     without it, a port another socket holds is refused
 */
public record ReceiveSettings(Integer threads, DataSize socketBuffer, Integer ringSize, DataSize ringMemory,
                              Integer workers, Transport transport, Boolean sharePort) {
    public enum Transport { AUTO, EPOLL, NIO }

    public ReceiveSettings {
        threads = threads == null ? 1 : threads;
        socketBuffer = socketBuffer == null ? defaultSocketBuffer(memory()) : socketBuffer;
        ringSize = ringSize == null ? 65536 : ringSize;
        ringMemory = ringMemory == null ? DataSize.parse("2MiB") : ringMemory;
        workers = workers == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : workers;
        transport = transport == null ? Transport.AUTO : transport;
        sharePort = sharePort != null && sharePort;
        if (socketBuffer.bytes() > Integer.MAX_VALUE) {
            // SO_RCVBUF is a C int.
            throw new IllegalArgumentException("socket_buffer must be less than 2GiB");
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be from 1 to 64");
        }
        if (ringSize < 1024 || Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ring_size must be a power of two, at least 1024");
        }
        if (ringMemory.bytes() < 64 * 1024) {
            throw new IllegalArgumentException("ring_memory must be at least 64KiB");
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be from 1 to 256");
        }
    }

    /**
     * The socket buffer asked for when the configuration names none: a 32nd of {@code memoryBytes},
     * from 16 MiB to 256 MiB, in whole MiB.
     *
     * <p>Why so large: after a start, the JVM compiles the hot path during the first seconds of
     * traffic, and on one core the bridge reads at a fraction of its later rate meanwhile. What
     * waits is in the socket's buffer, at about 730 bytes of the kernel's accounting for a 64-byte
     * datagram from loopback (more from a network card), and that accounting may reach twice the
     * size asked. On one core, a cold start under 140-190k msg/s lost 12-45 % of its first 10 s
     * with 64 MiB; with 256 MiB, nothing with the blackhole sink and a median of 1 % with JSON
     * (docs/performance.md, "Ninth batch"). The memory is used only while datagrams wait. Why a
     * 32nd: a small machine's worst case, twice that in the kernel, stays at a 16th of its memory.
     *
     * @param memoryBytes the memory this process may use: the machine's, or its container's limit
     */
    static DataSize defaultSocketBuffer(long memoryBytes) {
        long mib = Math.max(16, Math.min(256, memoryBytes / 32 >> 20));
        return new DataSize(mib << 20);
    }

    /** The JDK's figure is the container's memory limit where one is set, else the machine's memory. */
    private static long memory() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getTotalMemorySize()
                : 0;
    }

    static ReceiveSettings defaults() {
        return new ReceiveSettings(null, null, null, null, null, null, null);
    }
}
