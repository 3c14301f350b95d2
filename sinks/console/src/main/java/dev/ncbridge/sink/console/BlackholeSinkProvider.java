package dev.ncbridge.sink.console;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;
import io.micrometer.core.instrument.Counter;

/**
 * {@code type: blackhole}: acknowledges every record and keeps nothing, as Vector's blackhole
 * sink does; for benchmarks (the bridge's cost without a destination's) and for trying routes.
 * The runner counts what it took ({@code ncbridge_sink_records_sent_total}); with
 * {@code encode: true} each record is also encoded, and the bytes counted, so that the cost of
 * the {@code format} is measured too.
 */
public final class BlackholeSinkProvider implements SinkProvider {
    @Override
    public String type() {
        return "blackhole";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return BlackholeSettings.class;
    }

    @Override
    public Sink create(SinkContext context) {
        BlackholeSettings settings = context.settings().bind(BlackholeSettings.class);
        Counter bytes = Counter.builder("ncbridge.sink.blackhole.encoded")
                .baseUnit("bytes")
                .tag("sink", context.name())
                .description("Bytes the blackhole sink encoded and threw away (encode: true)")
                .register(context.registry());
        return new BlackholeSink(settings.encode() ? context.encoder() : null, bytes);
    }
}
