package dev.ncbridge.bench.profile;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Costs added up by what they are charged to (a method, a class), and the largest of them with their share of all
 * samples. One sample may be charged to several things at once (every method on a stack), each once.
 */
final class TopCosts {
    record Cost(String what, long amount, double percent) {
    }

    private final Map<String, Long> amounts = new HashMap<>();
    private long total;

    void add(String what, long amount) {
        addSample(List.of(what), amount);
    }

    void addSample(Collection<String> charged, long amount) {
        charged.stream().distinct().forEach(what -> amounts.merge(what, amount, Long::sum));
        total += amount;
    }

    long total() {
        return total;
    }

    List<Cost> top(int n) {
        return amounts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> new Cost(e.getKey(), e.getValue(), 100.0 * e.getValue() / total))
                .toList();
    }

    /** A markdown table of the top n, amounts in the given unit. */
    String table(String whatHeader, String amountHeader, int n, double unit) {
        StringBuilder out = new StringBuilder("| " + whatHeader + " | " + amountHeader + " | share |\n|---|---:|---:|\n");
        for (Cost c : top(n)) {
            out.append(String.format(Locale.ROOT, "| `%s` | %,.0f | %.1f %% |%n", c.what(), c.amount() / unit,
                    c.percent()));
        }
        return out.toString();
    }
}
