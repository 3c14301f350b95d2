package dev.ncbridge.ingest.receive;

import dev.ncbridge.config.Cidr;
import java.net.InetAddress;
import java.util.List;

/** The {@code sources.allow} list: which senders are heard. Empty means everyone. */
public final class SourceFilter {
    private final Cidr[] allow;

    public SourceFilter(List<Cidr> allow) {
        this.allow = allow.toArray(new Cidr[0]);
    }

    public boolean allows(InetAddress sender) {
        if (allow.length == 0) {
            return true;
        }
        for (Cidr block : allow) {
            if (block.contains(sender)) {
                return true;
            }
        }
        return false;
    }
}
