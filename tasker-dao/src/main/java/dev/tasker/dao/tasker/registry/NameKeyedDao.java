package dev.tasker.dao.tasker.registry;

import dev.tasker.dao.tasker.support.Arguments;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The operations of the registry tables keyed by a unique {@code name} with a {@code description}: task namespaces
 * ({@link TaskNamespaceDao}), dependent systems ({@link DependentSystemDao}) and annotation types
 * ({@link AnnotationTypeDao}). Runs on the given context, inside the caller's transaction if any.
 *
 * @param <K> the key of a row
 * @param <V> the record of a row
 */
public abstract sealed class NameKeyedDao<K, V> permits TaskNamespaceDao, DependentSystemDao, AnnotationTypeDao {

    private final DSLContext ctx;
    private final NameKeyedTable<?, K, V> rows;

    NameKeyedDao(DSLContext ctx, NameKeyedTable<?, K, V> rows) {
        this.ctx = Arguments.required("ctx", ctx);
        this.rows = rows;
    }

    /**
     * The row named {@code name}, created with {@code description} (may be null) if it does not exist; an existing
     * row keeps its description. Safe when several callers race on the same name: all get the same row.
     * {@code InvalidArgumentException} for a blank name or a name over 64 or description over 255 characters.
     */
    public V findOrCreate(String name, String description) {
        return rows.findOrCreate(ctx, name, description);
    }

    /** The row with key {@code id}, if any. */
    public Optional<V> get(K id) {
        return rows.get(ctx, id);
    }

    /** The row named {@code name}, if any. */
    public Optional<V> findByName(String name) {
        return rows.findByName(ctx, name);
    }

    /** All rows, by name, in one query. */
    public List<V> list() {
        return rows.list(ctx);
    }

    /** Sets the description (null clears it); {@code NotFoundException} if there is no row {@code id}. */
    public V updateDescription(K id, String description) {
        return rows.updateDescription(ctx, id, description);
    }

    /** Deletes the row; false if there was none. {@code ConflictException} while other rows still reference it. */
    public boolean delete(K id) {
        return rows.delete(ctx, id);
    }
}
