package dev.tasker.dao.tasker.registry;

import dev.tasker.schema.tasker.generated.tables.records.TaskerDependentSystemObjectMapsRecord;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A row of {@code tasker_dependent_system_object_maps}: object {@code remoteIdOne} of system one is the same object
 * as {@code remoteIdTwo} of system two.
 */
public record ObjectMap(long id, UUID systemOneUuid, String remoteIdOne, UUID systemTwoUuid, String remoteIdTwo,
        LocalDateTime createdAt, LocalDateTime updatedAt) {

    static ObjectMap from(TaskerDependentSystemObjectMapsRecord row) {
        return new ObjectMap(row.getDependentSystemObjectMapId(), row.getDependentSystemOneUuid(),
                row.getRemoteIdOne(), row.getDependentSystemTwoUuid(), row.getRemoteIdTwo(), row.getCreatedAt(),
                row.getUpdatedAt());
    }
}
