package dev.tasker.dao.tasker.dlq;

import dev.tasker.dao.tasker.state.TaskState;
import dev.tasker.dao.tasker.support.Arguments;
import java.util.UUID;

/**
 * What {@link DlqDao#create(NewDlqEntry)} passes to {@code create_dlq_entry} (tasker-schema.md §6.9); the names
 * and minutes go into the entry's task snapshot and metadata.
 *
 * @param taskUuid            the task (must exist)
 * @param namespaceName       its namespace's name
 * @param taskName            its named task's name
 * @param currentState        its current state, stored as the entry's original state
 * @param timeInStateMinutes  minutes it has spent in that state
 * @param thresholdMinutes    the staleness threshold it exceeded
 * @param reason              why it goes into the queue
 */
public record NewDlqEntry(UUID taskUuid, String namespaceName, String taskName, TaskState currentState,
                          int timeInStateMinutes, int thresholdMinutes, DlqReason reason) {

    /** Checks the arguments. */
    public NewDlqEntry {
        Arguments.required("taskUuid", taskUuid);
        Arguments.notBlank("namespaceName", namespaceName);
        Arguments.notBlank("taskName", taskName);
        Arguments.required("currentState", currentState);
        Arguments.notNegative("timeInStateMinutes", timeInStateMinutes);
        Arguments.notNegative("thresholdMinutes", thresholdMinutes);
        Arguments.required("reason", reason);
    }
}
