package dev.ncbridge.ingest.testing;

/** Why a {@link LoopbackServer} could not be started: what went wrong, with the tail of its output. */
public final class ServerStartException extends Exception {
    private final String server;

    public ServerStartException(String server, String reason) {
        super(reason);
        this.server = server;
    }

    /** The server's name, as {@link RequiredServer#unavailable} prints it. */
    public String server() {
        return server;
    }
}
