package dev.tasker.dao.pgmq;

/**
 * A message was received but its JSON payload does not map to the reader's payload type. The message has been read
 * (its visibility timeout runs); a reader of {@code JsonNode} payloads sees it unchanged.
 */
public class PayloadMappingException extends PgmqException {

    private static final long serialVersionUID = 1L;

    private final long msgId;

    /** Message {@code msgId} of {@code queueName} could not be mapped to {@code type}. */
    public PayloadMappingException(String queueName, long msgId, String type, Throwable cause) {
        super("message " + msgId + " of queue \"" + queueName + "\" does not map to " + type + ": "
                + cause.getMessage(), cause);
        this.msgId = msgId;
    }

    /** The id of the message whose payload did not map. */
    public long msgId() {
        return msgId;
    }
}
