package dev.ncbridge.app;

import picocli.CommandLine;

/** The exit codes of every ncbridge command, so that a script can tell bad data from a bad call. */
public final class ExitCodes {
    /** Everything went as asked. */
    public static final int OK = 0;
    /** The command ran to the end, but some input was bad (malformed datagrams, for example). */
    public static final int BAD_INPUT = 1;
    /** A check the command makes failed: a ping not verified, a blast that lost datagrams. */
    public static final int CHECK_FAILED = 1;
    /** The configuration has problems: run does not start, validate prints them. */
    public static final int BAD_CONFIG = CommandLine.ExitCode.USAGE;
    /** Nothing useful happened: wrong options, or a file could not be read or written. */
    public static final int USAGE_OR_IO = CommandLine.ExitCode.USAGE;

    private ExitCodes() {
    }
}
