package dev.ncbridge.app.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Makes command objects for picocli. A command with a constructor taking {@link Streams} gets
 * the streams of this run; any other class (help, converters) is made as picocli would.
 */
public final class StreamsFactory implements CommandLine.IFactory {
    private final Streams streams;

    public StreamsFactory(Streams streams) {
        this.streams = streams;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Constructor<K> withStreams;
        try {
            withStreams = cls.getConstructor(Streams.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
        return withStreams.newInstance(streams);
    }
}
