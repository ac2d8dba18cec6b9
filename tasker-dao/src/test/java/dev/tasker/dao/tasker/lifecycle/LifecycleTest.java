package dev.tasker.dao.tasker.lifecycle;

import dev.tasker.dao.tasker.TaskerDaoTest;
import dev.tasker.dao.tasker.registry.StepDefaults;
import dev.tasker.dao.tasker.tasks.NewTask;
import dev.tasker.dao.tasker.templates.RegisteredTemplate;
import dev.tasker.dao.tasker.templates.TemplateTask;
import dev.tasker.dao.tasker.templates.WorkflowTemplate;
import dev.tasker.schema.tasker.TaskerFixtures;
import java.util.UUID;
import org.jooq.JSONB;
import org.junit.jupiter.api.BeforeAll;

/** Base of the lifecycle tests: a namespace and dependent system of their own, and diamond tasks from a template. */
abstract class LifecycleTest extends TaskerDaoTest {

    static final JSONB DONE = JSONB.valueOf("{\"success\": true}");
    static final JSONB BROKEN = JSONB.valueOf("{\"success\": false, \"error\": \"ledger timeout\"}");

    UUID namespace;
    UUID system;

    @BeforeAll
    void arrangeRegistry() {
        namespace = dao.namespaces().findOrCreate(TaskerFixtures.unique("ns"), null).uuid();
        system = dao.dependentSystems().findOrCreate(TaskerFixtures.unique("sys"), null).uuid();
    }

    /** A diamond template a → b, a → c, b + c → d whose steps have {@code defaults}. */
    RegisteredTemplate diamondTemplate(StepDefaults defaults) {
        return dao.templates().register(WorkflowTemplate.of(namespace, TaskerFixtures.unique("diamond"), "1.0.0",
                system).step("a", defaults).step("b", defaults, "a").step("c", defaults, "a")
                .step("d", defaults, "b", "c"));
    }

    /** A fresh task of {@code template}. */
    TemplateTask task(RegisteredTemplate template) {
        return dao.templates().createTask(NewTask.of(template.uuid(), UUID.randomUUID(), "task-" + UUID.randomUUID()));
    }
}
