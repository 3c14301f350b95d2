package dev.ncbridge.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Answers a usage error with the error, the synopsis and where to find more, rather than
 * picocli's default of the whole help page, which buries the one line that matters.
 */
public final class ShortUsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print(cmd.getHelp().fullSynopsis());
        err.printf("Try '%s --help' for more information.%n", cmd.getCommandSpec().qualifiedName());
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
