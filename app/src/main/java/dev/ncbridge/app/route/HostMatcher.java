package dev.ncbridge.app.route;

import dev.ncbridge.config.Cidr;
import dev.ncbridge.config.ConfigProblem;
import dev.ncbridge.config.ConfigSection;
import dev.ncbridge.ingest.record.Fields;
import dev.ncbridge.ingest.record.Record;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code host}: each entry is either an address block ({@code 10.0.0.0/8}, {@code 2001:db8::/32},
 * a bare address) tested against the source address, or a glob ({@code web-*},
 * {@code db-?.example.com}) tested case-blind against the host name. A record matches when any
 * entry does.
 */
final class HostMatcher implements RecordMatcher {
    private final Cidr[] blocks;
    private final Glob[] names;

    private HostMatcher(Cidr[] blocks, Glob[] names) {
        this.blocks = blocks;
        this.names = names;
    }

    static HostMatcher of(ConfigSection value, List<ConfigProblem> problems) {
        List<Cidr> blocks = new ArrayList<>();
        List<Glob> names = new ArrayList<>();
        for (Scalars.Scalar entry : Scalars.of(value, problems)) {
            String text = entry.text().trim();
            try {
                blocks.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                if (looksLikeAddress(text)) {
                    problems.add(entry.problem(e.getMessage()));
                } else {
                    names.add(Glob.ignoringCase(text));
                }
            }
        }
        return new HostMatcher(blocks.toArray(new Cidr[0]), names.toArray(new Glob[0]));
    }

    /**
     * A host name never holds '/' or ':' and is never only digits and dots, so such an entry that
     * does not parse is a mistyped address block ({@code 10.0.0.0/33}), not a glob that would
     * silently match nothing.
     */
    private static boolean looksLikeAddress(String text) {
        return text.indexOf('/') >= 0 || text.indexOf(':') >= 0
                || text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    @Override
    public boolean matches(Record r) {
        for (Glob name : names) {
            if (name.matches(Fields.HOST.value(r))) {
                return true;
            }
        }
        InetAddress address = Fields.IP.address(r);
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
