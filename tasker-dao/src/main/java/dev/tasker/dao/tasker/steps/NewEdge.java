package dev.tasker.dao.tasker.steps;

import dev.tasker.dao.tasker.support.Arguments;
import java.util.UUID;

/** A {@code provides} edge to add with {@link StepEdgeDao#addEdges}: {@code fromStep} before {@code toStep}. */
public record NewEdge(UUID fromStep, UUID toStep) {

    /** Checks that both steps are given. */
    public NewEdge {
        Arguments.required("fromStep", fromStep);
        Arguments.required("toStep", toStep);
    }
}
