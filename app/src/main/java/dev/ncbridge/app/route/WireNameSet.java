package dev.ncbridge.app.route;

import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A matcher's entries that name constants of an enum by their wire names ({@code event} types,
 * {@code crash_kind}s), read into one flag per constant, so that matching is an array lookup.
 */
final class WireNameSet {
    private WireNameSet() {
    }

    /**
     * @param what what a name stands for, for the problem an unknown name gives: "event type"
     * @return the flags, by ordinal, of the constants {@code value} names
     */
    static <E extends Enum<E>> boolean[] of(E[] constants, Function<E, String> wireName, String what,
                                            ConfigSection value, List<ConfigProblem> problems) {
        boolean[] accepted = new boolean[constants.length];
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            String name = entry.text().trim();
            E found = Arrays.stream(constants).filter(c -> wireName.apply(c).equals(name)).findFirst().orElse(null);
            if (found == null) {
                String article = what.matches("[aeiou].*") ? "an " : "a ";
                problems.add(entry.problem("\"" + entry.text() + "\" is not " + article + what + "; " + what + "s: "
                        + Arrays.stream(constants).map(wireName).collect(Collectors.joining(", "))));
            } else {
                accepted[found.ordinal()] = true;
            }
        }
        return accepted;
    }
}
