package dev.tasker.dao.pgmq;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.Record;

/** Conversions between {@link Instant} and the {@code timestamptz} values jOOQ binds and fetches. */
final class Timestamps {

    private Timestamps() {
    }

    /** {@code instant} as a bind value for a {@code ?::timestamptz} parameter. */
    static OffsetDateTime bind(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The {@code timestamptz} column {@code name} of {@code record}; empty when absent or NULL. */
    static Optional<Instant> get(Record record, String name) {
        if (record.indexOf(name) < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(record.get(name, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    /** The non-null {@code timestamptz} column {@code name} of {@code record}. */
    static Instant require(Record record, String name) {
        return get(record, name).orElseThrow(() -> new PgmqException("result has no value in column " + name));
    }
}
