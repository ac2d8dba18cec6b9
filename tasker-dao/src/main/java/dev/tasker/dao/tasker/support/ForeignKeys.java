package dev.tasker.dao.tasker.support;

import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.NotFoundException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * {@link DaoErrors} plus foreign-key violations (SQLSTATE 23503) turned into the module's exceptions: a write that
 * references a missing row becomes {@link NotFoundException} naming the referenced entity and the key the
 * database reported; a delete of a row that other rows still reference becomes {@link ConflictException}.
 */
public final class ForeignKeys {

    private static final Pattern KEY_VALUE = Pattern.compile("Key \\(([^)]*)\\)=\\(([^)]*)\\)");

    private ForeignKeys() {
    }

    /** A foreign-key constraint of the schema and the entity its referenced table holds, e.g. "task". */
    public record Reference(String constraint, String entity) {
    }

    /** Runs {@code work} like {@link DaoErrors#call}, converting violations of {@code references} as above. */
    public static <T> T call(String operation, Supplier<T> work, Reference... references) {
        return DaoErrors.call(operation, () -> {
            try {
                return work.get();
            } catch (DataAccessException failure) {
                throw convert(operation, failure, references).orElseThrow(() -> failure);
            }
        });
    }

    private static Optional<RuntimeException> convert(String operation, DataAccessException failure,
            Reference... references) {
        if (!DaoErrors.sqlState(failure).filter("23503"::equals).isPresent()) {
            return Optional.empty();
        }
        ServerErrorMessage server = serverMessage(failure);
        String constraint = server == null ? null : server.getConstraint();
        String detail = server == null || server.getDetail() == null ? "" : server.getDetail();
        Object keyValue = keyValue(detail);
        if (detail.contains("is still referenced")) {
            RuntimeException conflict = new ConflictException(null, keyValue,
                    operation + " failed: the row is still referenced (" + detail + ")", failure);
            return Optional.of(conflict);
        }
        String entity = Arrays.stream(references).filter(reference -> reference.constraint().equals(constraint))
                .map(Reference::entity).findFirst().orElse("referenced row");
        return Optional.of(new NotFoundException(entity, keyValue,
                operation + " failed: " + entity + " " + keyValue + " does not exist", failure));
    }

    /** The key the database named, as a {@link UUID} where it is one. */
    private static Object keyValue(String detail) {
        Matcher matcher = KEY_VALUE.matcher(detail);
        if (!matcher.find()) {
            return "(unknown key)";
        }
        try {
            return UUID.fromString(matcher.group(2));
        } catch (IllegalArgumentException notAUuid) {
            return matcher.group(2);
        }
    }

    private static ServerErrorMessage serverMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql) {
                return psql.getServerErrorMessage();
            }
        }
        return null;
    }
}
