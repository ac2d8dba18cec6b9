package dev.tasker.dao.pgmq;

import dev.tasker.dao.pgmq.support.Arguments;

/**
 * A binding a routing key matches ({@code pgmq.test_routing}): a message sent with that key would go to
 * {@code queueName}.
 *
 * @param pattern the matching binding pattern
 * @param queueName the queue it routes to
 * @param compiledRegex the anchored regular expression the key matched
 */
public record TopicRoute(String pattern, String queueName, String compiledRegex) {

    /** Rejects null components. */
    public TopicRoute {
        Arguments.required("pattern", pattern);
        Arguments.required("queueName", queueName);
        Arguments.required("compiledRegex", compiledRegex);
    }
}
