package dev.ncbridge.sink.console;

/**
 * A record's path cannot be a file: it is not a valid path, a name in it is too long, or it or a
 * parent is in the way. Retrying cannot help, so the record is rejected ({@code bad_path})
 * instead of holding up the records of every other host.
 */
final class BadPathException extends Exception {
    BadPathException(String path, String why) {
        super(path + ": " + why);
    }
}
