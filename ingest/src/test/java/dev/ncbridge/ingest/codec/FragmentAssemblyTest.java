package dev.ncbridge.ingest.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.ContinuationFlag;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FragmentAssemblyTest {
    private final ExtendedHeaderParser parser = new ExtendedHeaderParser(1 << 16);

    /** A parsed fragment, with its datagram at offset 4 of a larger buffer. */
    private final class Fragment {
        final ExtendedHeader h = new ExtendedHeader();
        final byte[] buf;

        Fragment(String datagram) {
            byte[] d = datagram.getBytes(StandardCharsets.UTF_8);
            buf = new byte[d.length + 8];
            System.arraycopy(d, 0, buf, 4, d.length);
            assertThat(parser.parse(buf, 4, d.length, h)).isEqualTo(HeaderParse.EXTENDED);
            assertThat(h.isFragment()).isTrue();
        }

        FragmentAssembly.Offer offerTo(FragmentAssembly a, long now) {
            int start = h.headerEnd + 1;
            return a.offer(h.fragOffset, buf, start, buf.length - 4 - start, now);
        }

        FragmentAssembly start(long now) {
            return new FragmentAssembly(h, buf, 4, now);
        }

        int footprintBeforeStart() {
            return FragmentAssembly.footprint(h, 4);
        }
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void firstFragmentSetsTheMessageAndItsHeaderWithoutNcfrag() {
        Fragment f = new Fragment("6.4.0,14,407,6162498,c,ncfrag=0/10,ncemg=1;abcd");
        FragmentAssembly a = f.start(100);
        assertThat(a.seq).isEqualTo(407);
        assertThat(a.tsUs).isEqualTo(6_162_498);
        assertThat(a.prefix).isEqualTo(14);
        assertThat(a.total).isEqualTo(10);
        assertThat(a.flag).isEqualTo(ContinuationFlag.FIRST);
        assertThat(a.release).isEqualTo("6.4.0");
        assertThat(a.firstArrivalNanos).isEqualTo(100);
        assertThat(str(a.header)).isEqualTo("6.4.0,14,407,6162498,c,ncemg=1");
        assertThat(a.footprint()).isEqualTo(10 + a.header.length + FragmentAssembly.OVERHEAD_BYTES)
                .as("known from the header before the assembly exists").isEqualTo(f.footprintBeforeStart());
        assertThat(a.fragments()).isZero();
        assertThat(a.isComplete()).isFalse();
    }

    @Test
    void fragmentsInAnyOrderFillThePayload() {
        Fragment f0 = new Fragment("6,416,1758426,-,ncfrag=0/31;the first chunk,");
        Fragment f1 = new Fragment("6,416,1758426,-,ncfrag=16/31; the 2nd chunk.");
        FragmentAssembly a = f1.start(0);
        assertThat(f1.offerTo(a, 0)).isEqualTo(FragmentAssembly.Offer.ADDED);
        assertThat(a.isComplete()).isFalse();
        assertThat(str(a.receivedBytes())).isEqualTo(" the 2nd chunk.");
        assertThat(f0.offerTo(a, 7)).isEqualTo(FragmentAssembly.Offer.ADDED);
        assertThat(a.isComplete()).isTrue();
        assertThat(a.fragments()).isEqualTo(2);
        assertThat(a.lastArrivalNanos).isEqualTo(7);
        assertThat(str(a.payload())).isEqualTo("the first chunk, the 2nd chunk.");
        assertThat(str(a.header)).isEqualTo("6,416,1758426,-");
    }

    @Test
    void exactCopyIsADuplicateAndChangesNothing() {
        Fragment f0 = new Fragment("6,1,2,-,ncfrag=0/6;abc");
        FragmentAssembly a = f0.start(0);
        f0.offerTo(a, 0);
        assertThat(f0.offerTo(a, 5)).isEqualTo(FragmentAssembly.Offer.DUPLICATE);
        assertThat(a.fragments()).isEqualTo(1);
        assertThat(a.lastArrivalNanos).isZero();
        assertThat(a.isComplete()).isFalse();
    }

    @Test
    void aPieceOfAReceivedFragmentWithTheSameBytesIsADuplicate() {
        FragmentAssembly a = new Fragment("6,1,2,-,ncfrag=0/6;abcdef").start(0);
        new Fragment("6,1,2,-,ncfrag=0/6;abcdef").offerTo(a, 0);
        assertThat(new Fragment("6,1,2,-,ncfrag=2/6;cd").offerTo(a, 1)).isEqualTo(FragmentAssembly.Offer.DUPLICATE);
        assertThat(new Fragment("6,1,2,-,ncfrag=2/6;cX").offerTo(a, 1)).isEqualTo(FragmentAssembly.Offer.OVERLAP);
    }

    @Test
    void overlapsAreRefusedWhateverTheirBytes() {
        Fragment f0 = new Fragment("6,1,2,-,ncfrag=0/9;abc");
        Fragment f2 = new Fragment("6,1,2,-,ncfrag=6/9;ghi");
        FragmentAssembly a = f0.start(0);
        f0.offerTo(a, 0);
        f2.offerTo(a, 0);
        assertThat(new Fragment("6,1,2,-,ncfrag=2/9;cde").offerTo(a, 1)).isEqualTo(FragmentAssembly.Offer.OVERLAP);
        assertThat(new Fragment("6,1,2,-,ncfrag=5/9;fg").offerTo(a, 1)).isEqualTo(FragmentAssembly.Offer.OVERLAP);
        assertThat(new Fragment("6,1,2,-,ncfrag=0/9;abX").offerTo(a, 1)).isEqualTo(FragmentAssembly.Offer.OVERLAP);
        assertThat(new Fragment("6,1,2,-,ncfrag=2/9;cdefghi").offerTo(a, 1))
                .as("spans a gap and a received range").isEqualTo(FragmentAssembly.Offer.OVERLAP);
        assertThat(a.fragments()).isEqualTo(2);
        assertThat(str(a.receivedBytes())).isEqualTo("abcghi");
        assertThat(new Fragment("6,1,2,-,ncfrag=3/9;def").offerTo(a, 2)).isEqualTo(FragmentAssembly.Offer.ADDED);
        assertThat(a.isComplete()).isTrue();
        assertThat(str(a.payload())).isEqualTo("abcdefghi");
    }

    @Test
    void receivedBytesLeaveOutTheMissingRangesAndKeepACutEscapeAsItArrived() {
        // "\xe2\x82\xac" (12 bytes) cut inside the second escape, the middle fragment lost.
        FragmentAssembly a = new Fragment("6,1,2,-,ncfrag=0/14;\\xe2\\x").start(0);
        new Fragment("6,1,2,-,ncfrag=0/14;\\xe2\\x").offerTo(a, 0);
        new Fragment("6,1,2,-,ncfrag=8/14;\\xac\\n").offerTo(a, 0);
        assertThat(str(a.receivedBytes())).isEqualTo("\\xe2\\x\\xac\\n");
        assertThat(a.isComplete()).isFalse();
    }

    @Test
    void manyFragmentsGrowTheRangeTable() {
        String text = "0123456789abcdefghijklmnopqrstuvwxyz";
        FragmentAssembly a = new Fragment("6,1,2,-,ncfrag=35/36;z").start(0);
        // Odd offsets first, from the end, then even ones: the table grows past its first size.
        for (int start : new int[] {1, 0}) {
            for (int off = text.length() - 1 - (1 - start); off >= 0; off -= 2) {
                Fragment f = new Fragment("6,1,2,-,ncfrag=" + off + "/36;" + text.charAt(off));
                assertThat(f.offerTo(a, 0)).as("offset %d", off).isEqualTo(FragmentAssembly.Offer.ADDED);
            }
        }
        assertThat(a.isComplete()).isTrue();
        assertThat(a.fragments()).isEqualTo(36);
        assertThat(str(a.payload())).isEqualTo(text);
        assertThat(str(a.receivedBytes())).isEqualTo(text);
    }

    @Test
    void matchesOnlyTheSameMessage() {
        FragmentAssembly a = new Fragment("6,1,2,-,ncfrag=0/6;abc").start(0);
        assertThat(a.matches(new Fragment("6,1,2,-,ncfrag=3/6;def").h)).isTrue();
        assertThat(a.matches(new Fragment("6.4.0,6,1,2,-,ncfrag=3/6;def").h)).as("release is not compared").isTrue();
        assertThat(a.matches(new Fragment("6,9,2,-,ncfrag=3/6;def").h)).isFalse();
        assertThat(a.matches(new Fragment("6,1,3,-,ncfrag=3/6;def").h)).isFalse();
        assertThat(a.matches(new Fragment("4,1,2,-,ncfrag=3/6;def").h)).isFalse();
        assertThat(a.matches(new Fragment("6,1,2,-,ncfrag=3/7;def").h)).isFalse();
    }
}
