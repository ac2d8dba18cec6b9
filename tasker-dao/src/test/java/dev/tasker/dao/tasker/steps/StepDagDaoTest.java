package dev.tasker.dao.tasker.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.StatementCounter;
import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link StepDagDao} on a diamond with a tail: a → b, a → c, b → d, c → d, d → e; plus a lone step f and a step
 * g of another task.
 */
class StepDagDaoTest extends TaskerDaoTest {

    private UUID task;
    private UUID a;
    private UUID b;
    private UUID c;
    private UUID d;
    private UUID e;
    private UUID f;

    @BeforeAll
    void diamond() throws SQLException {
        UUID namedTask = fixtures.namedTask(fixtures.namespace(TaskerFixtures.unique("ns")),
                TaskerFixtures.unique("t"), null);
        UUID namedStep = fixtures.namedStep(fixtures.dependentSystem(TaskerFixtures.unique("sys")), "step");
        task = fixtures.task(namedTask, 0);
        a = fixtures.step(task, namedStep);
        b = fixtures.step(task, namedStep);
        c = fixtures.step(task, namedStep);
        d = fixtures.step(task, namedStep);
        e = fixtures.step(task, namedStep);
        f = fixtures.step(task, namedStep);
        fixtures.step(fixtures.task(namedTask, 0), namedStep);
        dao.edges().addEdges(task, List.of(new NewEdge(a, b), new NewEdge(a, c), new NewEdge(b, d),
                new NewEdge(c, d), new NewEdge(d, e)));
    }

    @Test
    void theWholeDagOfATaskInOneQueryByDepth() {
        StatementCounter counter = new StatementCounter(dataSource);
        List<DagNode> dag = new StepDagDao(counter.dsl()).dag(task);

        assertThat(counter.take()).isEqualTo(1);
        assertThat(dag).extracting(DagNode::stepUuid).containsExactlyInAnyOrder(a, b, c, d, e, f);
        assertThat(dag).extracting(node -> node.minDepthFromRoot().orElseThrow()).isSorted();
        DagNode nodeD = dag.stream().filter(node -> node.stepUuid().equals(d)).findFirst().orElseThrow();
        assertThat(nodeD.parents()).containsExactly(sorted(b, c));
        assertThat(nodeD.children()).containsExactly(e);
        assertThat(nodeD.root()).isFalse();
        assertThat(nodeD.leaf()).isFalse();
        assertThat(nodeD.minDepthFromRoot()).contains(2);
        assertThat(nodeD.taskUuid()).isEqualTo(task);
    }

    @Test
    void rootsAndLeaves() {
        assertThat(dao.dag().roots(task)).extracting(DagNode::stepUuid).containsExactlyInAnyOrder(a, f);
        assertThat(dao.dag().leaves(task)).extracting(DagNode::stepUuid).containsExactlyInAnyOrder(e, f);
        assertThat(dao.dag().roots(UUID.randomUUID())).isEmpty();
    }

    @Test
    void parentsChildrenAndDepthOfOneStep() {
        assertThat(dao.dag().parents(a)).isEmpty();
        assertThat(dao.dag().children(a)).containsExactly(sorted(b, c));
        assertThat(dao.dag().parents(e)).containsExactly(d);
        assertThat(dao.dag().depth(a)).contains(0);
        assertThat(dao.dag().depth(e)).contains(3);
        assertThat(dao.dag().node(f)).hasValueSatisfying(node -> {
            assertThat(node.root()).isTrue();
            assertThat(node.leaf()).isTrue();
        });
    }

    @Test
    void aStepThatNoRootReachesHasNoDepth() throws SQLException {
        UUID namedStep = (UUID) value("SELECT named_step_uuid FROM tasker_workflow_steps WHERE workflow_step_uuid = ?",
                a);
        UUID other = fixtures.task((UUID) value("SELECT named_task_uuid FROM tasker_tasks WHERE task_uuid = ?", task),
                0);
        UUID x = fixtures.step(other, namedStep);
        UUID y = fixtures.step(other, namedStep);
        fixtures.edge(x, y);
        fixtures.edge(y, x);

        assertThat(dao.dag().depth(x)).isEqualTo(Optional.empty());
        assertThat(dao.dag().dag(other)).extracting(DagNode::stepUuid).containsExactlyInAnyOrder(x, y);
    }

    @Test
    void aMissingStepIsNotFound() {
        UUID missing = UUID.randomUUID();
        assertThat(dao.dag().node(missing)).isEmpty();
        assertThatThrownBy(() -> dao.dag().parents(missing)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dao.dag().children(missing)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dao.dag().depth(missing)).isInstanceOfSatisfying(NotFoundException.class,
                ex -> assertThat(ex.id()).isEqualTo(missing));
    }

    /** The view sorts parent and child arrays by uuid (as PostgreSQL compares uuids: bytewise, like their text). */
    private static UUID[] sorted(UUID... uuids) {
        return Stream.of(uuids).sorted((left, right) -> left.toString().compareTo(right.toString()))
                .toArray(UUID[]::new);
    }
}
