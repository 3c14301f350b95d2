package dev.ncbridge.app.run;

import dev.ncbridge.app.sources.SourceRegistry;
import dev.ncbridge.ingest.codec.SourceListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The views of the decoders' sources, told together of what the decoders decide: the sources API and host names. */
final class SourceViews implements SourceListener {
    private final SourceRegistry registry;
    private final HostNames names;

    SourceViews(SourceRegistry registry, HostNames names) {
        this.registry = registry;
        this.names = names;
    }

    @Override
    public boolean expected(InetAddress address) {
        return registry.expected(address);
    }

    @Override
    public void duplicateDropped(InetSocketAddress source) {
        registry.duplicateDropped(source);
    }

    @Override
    public void forgotten(InetSocketAddress source, boolean lastOfAddress) {
        registry.forgotten(source, lastOfAddress);
        if (lastOfAddress) {
            names.forget(source.getAddress());
        }
    }
}
