package dev.ncbridge.sink;

/**
 * Runs a sink's code with the sink's class loader as the thread's context class loader. A sink
 * loaded by a loader of its own (a bundled sink's jar, a plugin) needs it: libraries such as
 * Kafka's client look up the classes their properties name (serializers, partitioners, login
 * handlers) through the context class loader, which is otherwise the application's and does
 * not see the sink's libraries.
 */
public final class ContextClassLoader {
    /** Code that may throw {@code E}. */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        T run() throws E;
    }

    private ContextClassLoader() {
    }

    /** Runs the action with {@code of}'s class loader as the context class loader, then puts back the one before. */
    public static <T, E extends Exception> T of(Object of, Action<T, E> action) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(of.getClass().getClassLoader());
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
