package dev.ncbridge.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** I/O failures as a command or a configuration problem prints them. */
public final class IoErrors {
    private IoErrors() {
    }

    /** The reason alone: the file name is already in the message, and a stack trace helps nobody here. */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
