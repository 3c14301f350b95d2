package dev.ncbridge.sink.syslog;

import dev.ncbridge.sink.Sink;
import dev.ncbridge.sink.SinkContext;
import dev.ncbridge.sink.SinkProvider;

/**
 * {@code type: syslog}: records as syslog messages (RFC 5424 or RFC 3164) to a syslog server over
 * UDP, TCP or TLS. Its {@code format} key is the syslog format, not the runner's record encoding.
 */
public final class SyslogSinkProvider implements SinkProvider {
    @Override
    public String type() {
        return "syslog";
    }

    @Override
    public Class<? extends Record> settingsType() {
        return SyslogSettings.class;
    }

    @Override
    public Sink create(SinkContext context) {
        return new SyslogSink(context.name(), SyslogOptions.from(context.settings()), context.registry());
    }

    @Override
    public boolean ownsFormatKey() {
        return true;
    }
}
