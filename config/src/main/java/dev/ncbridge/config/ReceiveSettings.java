package dev.ncbridge.config;

/**
 * How datagrams are read and handed to decoding.
 *
 * @param threads receiver threads per listen address (SO_REUSEPORT; more than one needs epoll)
 * @param socketBuffer SO_RCVBUF asked for; the kernel caps it at net.core.rmem_max, except for a
 *     process with CAP_NET_ADMIN on epoll (SO_RCVBUFFORCE). The default,
 *     64 MiB, holds what arrives at 100k msg/s while the JVM compiles the hot path after a start
 *     on one core (docs/performance.md, "fifth batch")
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
        socketBuffer = socketBuffer == null ? DataSize.parse("64MiB") : socketBuffer;
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

    static ReceiveSettings defaults() {
        return new ReceiveSettings(null, null, null, null, null, null, null);
    }
}
