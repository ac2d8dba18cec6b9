package dev.tasker.dao.tasker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.Concurrently;
import dev.tasker.dao.tasker.Concurrently.Outcome;
import dev.tasker.dao.tasker.ConflictException;
import dev.tasker.dao.tasker.InvalidArgumentException;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.TaskerDataAccess;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three registry tables keyed by a unique name (namespaces, dependent systems, annotation types), through their
 * DAOs: find-or-create (also racing), get, find by name, list, update description, delete.
 */
class NameKeyedDaosTest extends TaskerDaoTest {

    /** One DAO seen through the operations the three share; {@code V} is its value record, {@code K} its key. */
    private record Subject<V, K>(String table, String keyColumn, Function<TaskerDataAccess, Ops<V, K>> ops,
            Function<V, K> key, Function<V, String> name, Function<V, Optional<String>> description) {
        @Override
        public String toString() {
            return table;
        }
    }

    private interface Ops<V, K> {
        V findOrCreate(String name, String description);

        Optional<V> get(K key);

        Optional<V> findByName(String name);

        List<V> list();

        V updateDescription(K key, String description);

        boolean delete(K key);
    }

    Stream<Subject<?, ?>> subjects() {
        return Stream.of(
                new Subject<TaskNamespace, UUID>("tasker_task_namespaces", "task_namespace_uuid", access -> {
                    TaskNamespaceDao d = access.namespaces();
                    return ops(d::findOrCreate, d::get, d::findByName, d::list, d::updateDescription, d::delete);
                }, TaskNamespace::uuid, TaskNamespace::name, TaskNamespace::description),
                new Subject<DependentSystem, UUID>("tasker_dependent_systems", "dependent_system_uuid", access -> {
                    DependentSystemDao d = access.dependentSystems();
                    return ops(d::findOrCreate, d::get, d::findByName, d::list, d::updateDescription, d::delete);
                }, DependentSystem::uuid, DependentSystem::name, DependentSystem::description),
                new Subject<AnnotationType, Integer>("tasker_annotation_types", "annotation_type_id", access -> {
                    AnnotationTypeDao d = access.annotationTypes();
                    return ops(d::findOrCreate, d::get, d::findByName, d::list, d::updateDescription, d::delete);
                }, AnnotationType::id, AnnotationType::name, AnnotationType::description));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    <V, K> void findOrCreateInsertsOnceAndThenReturnsTheExistingRowUnchanged(Subject<V, K> subject)
            throws SQLException {
        String name = TaskerFixtures.unique("reg");
        V created = subject.ops().apply(dao).findOrCreate(name, "first");
        V again = subject.ops().apply(dao).findOrCreate(name, "second");

        assertThat(subject.key().apply(again)).isEqualTo(subject.key().apply(created));
        assertThat(subject.description().apply(again)).contains("first");
        Map<String, Object> row = row("SELECT count(*) AS n, min(description) AS description,"
                + " bool_and(created_at IS NOT NULL AND updated_at IS NOT NULL) AS stamped FROM " + subject.table()
                + " WHERE name = ?", name);
        assertThat(row).containsEntry("n", 1L).containsEntry("description", "first").containsEntry("stamped", true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    <V, K> void twoCallersRacingOnOneNameGetTheSameRow(Subject<V, K> subject) throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = TaskerFixtures.unique("race");
            List<Outcome<V>> outcomes = Concurrently.run(
                    () -> subject.ops().apply(dao).findOrCreate(name, null),
                    () -> subject.ops().apply(dao).findOrCreate(name, null));

            assertThat(outcomes).allMatch(Outcome::succeeded);
            assertThat(subject.key().apply(outcomes.get(0).value()))
                    .isEqualTo(subject.key().apply(outcomes.get(1).value()));
            assertThat(value("SELECT count(*) FROM " + subject.table() + " WHERE name = ?", name)).isEqualTo(1L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    <V, K> void getFindListUpdateAndDelete(Subject<V, K> subject) throws SQLException {
        Ops<V, K> ops = subject.ops().apply(dao);
        String name = TaskerFixtures.unique("crud");
        V created = ops.findOrCreate(name, null);
        K key = subject.key().apply(created);

        assertThat(ops.get(key)).contains(created);
        assertThat(ops.findByName(name)).contains(created);
        assertThat(ops.findByName(name + "_missing")).isEmpty();
        assertThat(ops.list()).contains(created);
        assertThat(ops.list()).extracting(subject.name()).isSorted();

        V updated = ops.updateDescription(key, "described");
        assertThat(subject.description().apply(updated)).contains("described");
        assertThat(value("SELECT description FROM " + subject.table() + " WHERE name = ?", name))
                .isEqualTo("described");

        assertThat(ops.delete(key)).isTrue();
        assertThat(ops.delete(key)).isFalse();
        assertThat(ops.get(key)).isEmpty();
        assertThat(value("SELECT count(*) FROM " + subject.table() + " WHERE name = ?", name)).isEqualTo(0L);
        assertThatThrownBy(() -> ops.updateDescription(key, "gone"))
                .isInstanceOf(dev.tasker.dao.tasker.NotFoundException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    <V, K> void badNamesAreRefusedNamingTheArgument(Subject<V, K> subject) {
        Ops<V, K> ops = subject.ops().apply(dao);
        assertThatThrownBy(() -> ops.findOrCreate(null, null)).isInstanceOf(InvalidArgumentException.class)
                .extracting("argument").isEqualTo("name");
        assertThatThrownBy(() -> ops.findOrCreate(" ", null)).isInstanceOf(InvalidArgumentException.class)
                .extracting("argument").isEqualTo("name");
        assertThatThrownBy(() -> ops.findOrCreate("x".repeat(65), null))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("name");
        assertThatThrownBy(() -> ops.findOrCreate("ok", "d".repeat(256)))
                .isInstanceOf(InvalidArgumentException.class).extracting("argument").isEqualTo("description");
    }

    @Test
    void deletingANamespaceThatNamedTasksUseIsAConflictAndDeletesNothing() throws SQLException {
        TaskNamespace namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("used"), null);
        fixtures.namedTask(namespace.uuid(), TaskerFixtures.unique("task"), null);

        assertThatThrownBy(() -> dao.namespaces().delete(namespace.uuid())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("still referenced");
        assertThat(dao.namespaces().get(namespace.uuid())).isPresent();
    }

    @Test
    void findOrCreateInsideACallersTransactionIsUndoneByItsRollback() throws SQLException {
        String name = TaskerFixtures.unique("rolled_back");
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            TaskerDataAccess callers = TaskerDataAccess.using(connection);
            TaskNamespace created = callers.namespaces().findOrCreate(name, null);
            assertThat(callers.namespaces().findOrCreate(name, null)).isEqualTo(created);
            connection.rollback();
        }
        assertThat(value("SELECT count(*) FROM tasker_task_namespaces WHERE name = ?", name)).isEqualTo(0L);
    }

    private static <V, K> Ops<V, K> ops(java.util.function.BiFunction<String, String, V> findOrCreate,
            Function<K, Optional<V>> get, Function<String, Optional<V>> findByName,
            java.util.function.Supplier<List<V>> list, java.util.function.BiFunction<K, String, V> update,
            java.util.function.Predicate<K> delete) {
        return new Ops<>() {
            @Override
            public V findOrCreate(String name, String description) {
                return findOrCreate.apply(name, description);
            }

            @Override
            public Optional<V> get(K key) {
                return get.apply(key);
            }

            @Override
            public Optional<V> findByName(String name) {
                return findByName.apply(name);
            }

            @Override
            public List<V> list() {
                return list.get();
            }

            @Override
            public V updateDescription(K key, String description) {
                return update.apply(key, description);
            }

            @Override
            public boolean delete(K key) {
                return delete.test(key);
            }
        };
    }
}
