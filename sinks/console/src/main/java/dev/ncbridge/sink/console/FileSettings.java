package dev.ncbridge.sink.console;

import dev.ncbridge.config.DataSize;
import java.time.Duration;

/**
 * The file sink's keys as written in the configuration, with their defaults. Values that need
 * more than a type check (the path template, the time zone, ranges) are checked by
 * {@link FileOptions#from}, which can name the offending key.
 *
 * @param path the file, a template (docs/templates.md), as {@code /var/log/netconsole/{host}.log}
 * @param rotateSize rotate a file before it would grow past this; 0 never
 * @param rotateInterval rotate a file that has been open this long; absent never
 * @param keep rotated files kept per file
 * @param compress gzip or none, for rotated files
 * @param flush batch, always or none
 * @param fsync also force the data to disk at each flush
 * @param maxOpenFiles files open at once; the least recently used is closed beyond this
 * @param timezone the zone of the date fields in {@code path}
 */
record FileSettings(String path, DataSize rotateSize, Duration rotateInterval, Integer keep, Compress compress,
                    FlushPolicy flush, Boolean fsync, Integer maxOpenFiles, String timezone) {
    FileSettings {
        rotateSize = rotateSize == null ? DataSize.parse("100MiB") : rotateSize;
        keep = keep == null ? 10 : keep;
        compress = compress == null ? Compress.NONE : compress;
        flush = flush == null ? FlushPolicy.BATCH : flush;
        fsync = fsync != null && fsync;
        maxOpenFiles = maxOpenFiles == null ? 256 : maxOpenFiles;
        timezone = timezone == null ? "UTC" : timezone;
    }
}
