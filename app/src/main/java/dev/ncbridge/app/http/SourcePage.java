package dev.ncbridge.app.http;

import dev.ncbridge.app.sources.SourceQuery;
import dev.ncbridge.app.sources.SourceView;
import dev.ncbridge.config.IpLiterals;
import dev.ncbridge.ingest.record.AddressText;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a source listing: at most {@code limit} sources ({@value #DEFAULT_LIMIT} unless
 * asked, at most {@value #MAX_LIMIT}) after the cursor {@code after}, in address then port order,
 * so that an answer's size is bounded however many sources there are. When more follow, the answer
 * links to the next page ({@code Link: <...>; rel="next"}) with the last source as the cursor.
 * A cursor is a position, not an entry: paging goes on where it was when that source has been
 * forgotten meanwhile.
 */
final class SourcePage {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    private static final int NO_PORT = -1;
    /** IPv4 before IPv6, then numerically by address, then by port; a host never heard from (no port) first. */
    private static final Comparator<Position> ORDER = Comparator
            .comparingInt((Position p) -> p.address().length)
            .thenComparing(Position::address, Arrays::compareUnsigned)
            .thenComparingInt(Position::port);

    private final int limit;
    private final Position after;

    private SourcePage(int limit, Position after) {
        this.limit = limit;
        this.after = after;
    }

    /** @throws IllegalArgumentException when {@code limit} or {@code after} is malformed, saying which */
    static SourcePage of(Query query) {
        return new SourcePage(limit(query.get("limit")), after(query.get("after")));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below, as a number out of range is.
        }
        throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT + ", not \"" + text + "\"");
    }

    private static Position after(String text) {
        if (text == null) {
            return null;
        }
        try {
            SourceQuery cursor = SourceQuery.parse(text);
            return new Position(cursor.address().getAddress(), cursor.hasPort() ? cursor.port() : NO_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("after: " + e.getMessage());
        }
    }

    /**
     * The page of {@code sources} (in any order) as a JSON array, with the link to the next page
     * when there is one.
     *
     * @param path the listing's path, for the link
     * @param query the request's query, whose other parameters (filters) the link keeps
     */
    Response answer(String path, Query query, List<SourceView> sources) {
        List<Positioned> sorted = sources.stream().map(Positioned::of)
                .filter(s -> after == null || ORDER.compare(s.position(), after) > 0)
                .sorted(Comparator.comparing(Positioned::position, ORDER))
                .toList();
        List<Positioned> page = sorted.subList(0, Math.min(limit, sorted.size()));
        Response answer = Response.json(200, page.stream().map(Positioned::view).toList());
        if (page.size() == sorted.size()) {
            return answer;
        }
        String next = path + "?" + query.with("limit", Integer.toString(limit))
                .with("after", page.get(page.size() - 1).cursor()).encode();
        return answer.withHeader("Link", "<" + next + ">; rel=\"next\"");
    }

    /** Where a source sorts: its address's bytes and its port (or {@link #NO_PORT}). */
    private record Position(byte[] address, int port) {
    }

    private record Positioned(SourceView view, Position position) {
        static Positioned of(SourceView view) {
            String address = withoutScope(view.address());
            return new Positioned(view, new Position(IpLiterals.parse(address).getAddress(),
                    view.port() == null ? NO_PORT : view.port()));
        }

        /** The source as an {@code after} value: {@code 10.0.0.5:6665}, {@code [::1]:6665}, or the bare address. */
        String cursor() {
            String address = withoutScope(view.address());
            if (view.port() == null) {
                return address;
            }
            return AddressText.withPort(address, view.port());
        }

        /** A link-local address's {@code %scope}: positions compare addresses without it, as lookups do. */
        private static String withoutScope(String address) {
            int scope = address.indexOf('%');
            return scope < 0 ? address : address.substring(0, scope);
        }
    }
}
