package dev.ncbridge.ingest.record;

/**
 * What kind of value a {@link Field} holds, named after the Elasticsearch mapping type it is
 * indexed as (the ECS field list uses the same names).
 */
public enum FieldType {
    /** An exact string: searched and aggregated whole. */
    KEYWORD,
    /** Free text, searched by words. */
    TEXT,
    /** A whole number. */
    LONG,
    BOOLEAN,
    /** An IPv4 or IPv6 address. */
    IP,
    /** A point in time, to the nanosecond. */
    DATE,
    /** An object of string values whose keys are not known in advance (userdata). */
    FLATTENED,
    /** An object of named details, each a string, number or boolean (an event's details). */
    OBJECT
}
