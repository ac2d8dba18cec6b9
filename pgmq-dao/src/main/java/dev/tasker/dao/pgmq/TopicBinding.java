package dev.tasker.dao.pgmq;

import dev.tasker.dao.pgmq.support.Arguments;
import java.time.Instant;

/**
 * A topic binding ({@code pgmq.list_topic_bindings}): messages sent with a routing key matching {@code pattern} go
 * to {@code queueName}.
 *
 * @param pattern the binding pattern ({@code *} one segment, {@code #} zero or more)
 * @param queueName the queue it routes to
 * @param boundAt when the binding was created
 * @param compiledRegex the anchored regular expression pgmq matches routing keys with
 */
public record TopicBinding(String pattern, String queueName, Instant boundAt, String compiledRegex) {

    /** Rejects null components. */
    public TopicBinding {
        Arguments.required("pattern", pattern);
        Arguments.required("queueName", queueName);
        Arguments.required("boundAt", boundAt);
        Arguments.required("compiledRegex", compiledRegex);
    }
}
