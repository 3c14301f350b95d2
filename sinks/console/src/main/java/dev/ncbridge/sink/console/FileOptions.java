package dev.ncbridge.sink.console;

import dev.ncbridge.config.ConfigException;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.sink.template.Template;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The file sink's settings, checked and ready to use.
 *
 * @param path the file each record goes to, a template ({@code docs/templates.md})
 */
record FileOptions(Template path, RotationPolicy rotation, int keep, Compress compress, FlushPolicy flush,
                   boolean fsync, int maxOpenFiles) {

    /**
     * Binds and checks a file sink's section; every problem found is reported at its key's line,
     * all at once.
     */
    static FileOptions from(ConfigSection section) {
        FileSettings s = section.bind(FileSettings.class);
        List<ConfigProblem> problems = new ArrayList<>();
        ZoneId zone = ZoneOffset.UTC;
        try {
            zone = ZoneId.of(s.timezone());
        } catch (DateTimeException e) {
            problems.add(section.problem("timezone", "\"" + s.timezone() + "\" is not a time zone: write a region"
                    + " (Europe/Berlin), UTC, or an offset (+02:00)"));
        }
        Template template = null;
        if (s.path() == null || s.path().isBlank()) {
            problems.add(section.problem("path", "required: the file to write, as /var/log/netconsole/{host}.log"));
        } else {
            template = Template.fromConfig(section, "path", s.path(), new FilePathSanitizer(), zone, problems);
        }
        if (s.rotateInterval() != null && s.rotateInterval().isZero()) {
            problems.add(section.problem("rotate_interval", "must be longer than 0; leave it out to rotate by size only"));
        }
        if (s.keep() < 0) {
            problems.add(section.problem("keep", "must be 0 (rotated files are deleted) or more"));
        }
        if (s.maxOpenFiles() < 1) {
            problems.add(section.problem("max_open_files", "must be at least 1"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new FileOptions(template, new RotationPolicy(s.rotateSize().bytes(), s.rotateInterval()), s.keep(),
                s.compress(), s.flush(), s.fsync(), s.maxOpenFiles());
    }

    /**
     * The directory every file goes under: the text before the first field, up to its last
     * {@code /}. It is what the sink checks it can write to before it starts.
     */
    Path baseDirectory() {
        String fixed = path.prefix();
        int slash = fixed.lastIndexOf('/');
        return slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : fixed.substring(0, slash));
    }
}
