/**
 * Producing netconsole datagrams in the kernel's byte layout: the inverse of the codec, for
 * {@code ncbridge send} and for tests.
 */
package dev.ncbridge.ingest.wire;
