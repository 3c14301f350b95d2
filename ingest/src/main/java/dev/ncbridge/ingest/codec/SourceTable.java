package dev.ncbridge.ingest.codec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;

/**
 * The sources one decoder tracks, and the one place that decides which to forget. Bounded three
 * ways, so that no sender can crowd out the others:
 *
 * <ul>
 *   <li>per address: an address keeps at most {@code maxPerAddress} sources (ports); a new one
 *       beyond that forgets the address's own least recently seen source;</li>
 *   <li>in total, as a segmented LRU: a new source enters <em>probation</em> and moves to the
 *       <em>protected</em> segment with its second datagram. When the table is full the least
 *       recently seen source in probation is forgotten first, so a flood of one-datagram sources
 *       (spoofed addresses, port scans) churns probation while sources with real traffic stay.
 *       Protected holds at most four fifths of the table; beyond that its least recently seen
 *       source goes back to probation;</li>
 *   <li>expected sources (the inventory's addresses) are never forgotten to make room, nor for
 *       being idle: only their own address's bound can replace one of them.</li>
 * </ul>
 *
 * <p>Written for the decoder's hot path: a known source costs one hash lookup and a few pointer
 * moves, the order lists are threaded through {@link SourceState} itself (no entry objects), and
 * nothing here scans the table. Hand-written rather than Caffeine because eviction must run
 * synchronously on the decoder's thread (the evicted source's held data is emitted before the new
 * one is admitted) and must know inventory hosts; Caffeine's W-TinyLFU decides asynchronously and
 * approximately.
 */
final class SourceTable {
    /** Forgets a source: emits what it holds and tells the listeners. Must not call back into the table. */
    interface Eviction {
        void evict(SourceState st, LimitReason reason, boolean lastOfAddress);
    }

    static final byte PROBATION = 0;
    static final byte PROTECTED = 1;
    static final byte EXPECTED = 2;

    private final int capacity;
    private final int maxPerAddress;
    private final int protectedCapacity;
    private final HashMap<InetSocketAddress, SourceState> all = new HashMap<>();
    /** The first source of each address; the others hang off {@link SourceState#nextOfAddress}. */
    private final HashMap<InetAddress, SourceState> byAddress = new HashMap<>();
    private final AccessList probation = new AccessList();
    private final AccessList protectedList = new AccessList();

    SourceTable(int capacity, int maxPerAddress) {
        this.capacity = capacity;
        this.maxPerAddress = maxPerAddress;
        this.protectedCapacity = Math.max(1, capacity - Math.max(1, capacity / 5));
    }

    int size() {
        return all.size();
    }

    Iterable<SourceState> values() {
        return all.values();
    }

    /** The source's state and a note that it was seen now, or null when it is not tracked. */
    SourceState touch(InetSocketAddress source) {
        SourceState st = all.get(source);
        if (st == null) {
            return null;
        }
        switch (st.segment) {
            case PROBATION -> {
                probation.remove(st);
                promote(st);
            }
            case PROTECTED -> protectedList.moveToTail(st);
            default -> {
            }
        }
        return st;
    }

    /**
     * Adds a new source, first making room as the bounds require (through {@code eviction}).
     *
     * @param expected whether the inventory lists the source's address
     */
    void admit(SourceState st, boolean expected, Eviction eviction) {
        InetAddress address = st.source.getAddress();
        SourceState first = byAddress.get(address);
        int ofAddress = 0;
        SourceState oldestOfAddress = null;
        for (SourceState s = first; s != null; s = s.nextOfAddress) {
            ofAddress++;
            if (oldestOfAddress == null || s.lastSeenNanos < oldestOfAddress.lastSeenNanos) {
                oldestOfAddress = s;
            }
        }
        if (ofAddress >= maxPerAddress) {
            remove(oldestOfAddress, LimitReason.ADDRESS_LIMIT, eviction);
        } else if (all.size() >= capacity) {
            SourceState victim = probation.head() != null ? probation.head() : protectedList.head();
            if (victim != null) {
                remove(victim, LimitReason.SOURCE_LIMIT, eviction);
            }
        }
        all.put(st.source, st);
        st.nextOfAddress = byAddress.get(address);
        byAddress.put(address, st);
        if (expected) {
            st.segment = EXPECTED;
        } else {
            st.segment = PROBATION;
            probation.addTail(st);
        }
    }

    private void promote(SourceState st) {
        if (protectedList.size() >= protectedCapacity) {
            SourceState demoted = protectedList.head();
            protectedList.remove(demoted);
            demoted.segment = PROBATION;
            probation.addTail(demoted);
        }
        st.segment = PROTECTED;
        protectedList.addTail(st);
    }

    /** Forgets the sources (expected ones aside) last seen before {@code cutoffNanos}. */
    void forgetIdle(long cutoffNanos, Eviction eviction) {
        for (AccessList list : new AccessList[] {probation, protectedList}) {
            SourceState st;
            while ((st = list.head()) != null && st.lastSeenNanos <= cutoffNanos) {
                remove(st, null, eviction);
            }
        }
    }

    private void remove(SourceState st, LimitReason reason, Eviction eviction) {
        all.remove(st.source);
        if (st.segment == PROBATION) {
            probation.remove(st);
        } else if (st.segment == PROTECTED) {
            protectedList.remove(st);
        }
        boolean last = unlinkFromAddress(st);
        eviction.evict(st, reason, last);
    }

    /** @return whether the address has no source left */
    private boolean unlinkFromAddress(SourceState st) {
        InetAddress address = st.source.getAddress();
        SourceState first = byAddress.get(address);
        if (first == st) {
            if (st.nextOfAddress == null) {
                byAddress.remove(address);
                return true;
            }
            byAddress.put(address, st.nextOfAddress);
        } else {
            SourceState s = first;
            while (s != null && s.nextOfAddress != st) {
                s = s.nextOfAddress;
            }
            if (s != null) {
                s.nextOfAddress = st.nextOfAddress;
            }
        }
        st.nextOfAddress = null;
        return false;
    }

    /** A doubly linked list threaded through {@link SourceState#older}/{@link SourceState#newer}: head is least recent. */
    private static final class AccessList {
        private SourceState head;
        private SourceState tail;
        private int size;

        SourceState head() {
            return head;
        }

        int size() {
            return size;
        }

        void addTail(SourceState st) {
            st.older = tail;
            st.newer = null;
            if (tail == null) {
                head = st;
            } else {
                tail.newer = st;
            }
            tail = st;
            size++;
        }

        void remove(SourceState st) {
            if (st.older == null) {
                head = st.newer;
            } else {
                st.older.newer = st.newer;
            }
            if (st.newer == null) {
                tail = st.older;
            } else {
                st.newer.older = st.older;
            }
            st.older = null;
            st.newer = null;
            size--;
        }

        void moveToTail(SourceState st) {
            if (tail != st) {
                remove(st);
                addTail(st);
            }
        }
    }
}
