package dev.scaleshop.admin;

/** A failure to report to the operator in one line (no stack trace); the CLI exits with status 1. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
