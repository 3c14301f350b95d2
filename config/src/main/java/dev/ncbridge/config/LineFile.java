package dev.ncbridge.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A file of one entry a line, as the names file and the inventory are: {@code #} starts a comment,
 * blank lines are skipped, and every line that does not parse is reported with its number, all
 * at once.
 */
public final class LineFile {
    private LineFile() {
    }

    /**
     * @param what the file's role, for the error when it cannot be read ("the names file")
     * @param parser turns a line (comment and outer blanks removed) into an entry; throws
     *     IllegalArgumentException with the reason when it cannot
     * @throws ConfigException naming the file and line of every bad line
     */
    public static <T> List<T> read(Path file, String what, Function<String, T> parser) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(file.toString(), "", 0, "cannot read " + what + ": " + IoErrors.describe(e)));
        }
        List<T> entries = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            line = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                entries.add(parser.apply(line));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(file.toString(), "", i + 1, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return entries;
    }
}
