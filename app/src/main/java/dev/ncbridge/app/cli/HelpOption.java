package dev.ncbridge.app.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help}, mixed into every subcommand: the top-level help tells users to run
 * {@code ncbridge COMMAND --help}, so each command must take it.
 */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
