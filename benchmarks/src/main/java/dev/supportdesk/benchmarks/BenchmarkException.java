package dev.supportdesk.benchmarks;

/** The run cannot go on; the message says which step and why. */
final class BenchmarkException extends RuntimeException {

    BenchmarkException(String message) {
        super(message);
    }

    BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
