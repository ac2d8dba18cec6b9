package dev.tasker.migrator.cli;

/** The command line is not one {@code tasker-migrator} understands; the message says what was wrong. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
