package dev.ncbridge.sink.console;

/**
 * The stdout sink has no keys of its own. Binding its section to this empty record is what makes
 * an unknown key (a typo, a key meant for another sink) an error naming its line.
 */
record StdoutSettings() {
}
