package dev.ncbridge.app.ping;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One netconsole target as configfs describes it ({@code /sys/kernel/config/netconsole/NAME/}).
 *
 * @param dir the target's configfs directory
 * @param localIp null when unset (all zeros): the kernel then uses the device's address
 * @param release whether the target prefixes the kernel release to extended headers
 */
public record NetconsoleTarget(String name, Path dir, boolean enabled, InetAddress remoteIp, int remotePort,
                               InetAddress localIp, int localPort, String devName, boolean extended,
                               boolean release) {

    public InetSocketAddress remote() {
        return new InetSocketAddress(remoteIp, remotePort);
    }

    /** The kernel's own send path for one message, offered by some kernels; null when absent. */
    public Path sendMsg() {
        Path p = dir.resolve("send_msg");
        return Files.exists(p) ? p : null;
    }
}
