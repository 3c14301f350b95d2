package dev.ncbridge.app.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * deploy/container/Dockerfile read as a list of instructions, split into stages: just enough of the
 * Dockerfile syntax (comments, parser directives, backslash continuations, exec form) for the tests.
 */
record Dockerfile(List<Stage> stages) {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Instruction(String keyword, String args) {
        /** The arguments of an exec-form (JSON array) instruction. */
        List<String> execForm() {
            try {
                return JSON.readValue(args, new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new AssertionError(keyword + " is not in exec (JSON array) form: " + args, e);
            }
        }

        boolean isExecForm() {
            return args.startsWith("[");
        }
    }

    record Stage(String image, String alias, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** The last instruction with this keyword (the one that takes effect), or null. */
        Instruction last(String keyword) {
            List<Instruction> all = all(keyword);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
    }

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        StringBuilder logical = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue; // comments (and parser directives), also inside a continued instruction
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT),
                    parts.length > 1 ? parts[1].strip() : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.args().split("\\s+");
                String alias = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                current = new ArrayList<>();
                stages.add(new Stage(from[0], alias, current));
            }
            if (current == null) {
                throw new AssertionError("instruction before the first FROM: " + text);
            }
            current.add(instruction);
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** ENTRYPOINT then CMD of the final stage: the command line a container runs by default. */
    List<String> commandLine() {
        List<String> command = new ArrayList<>(finalStage().last("ENTRYPOINT").execForm());
        command.addAll(finalStage().last("CMD").execForm());
        return command;
    }
}
