package dev.ncbridge.ingest.codec;

/** The outcome of trying to read a datagram as an extended message. */
enum HeaderParse {
    /** An extended header was read. */
    EXTENDED,
    /** The datagram does not have the shape of an extended header: it is legacy console text. */
    LEGACY,
    /** It has the shape of an extended header but breaks its rules; see the header's reason. */
    MALFORMED
}
