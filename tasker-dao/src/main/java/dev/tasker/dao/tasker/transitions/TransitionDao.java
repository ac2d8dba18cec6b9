package dev.tasker.dao.tasker.transitions;

import dev.tasker.dao.tasker.NotFoundException;
import dev.tasker.dao.tasker.support.Arguments;
import dev.tasker.dao.tasker.support.DaoErrors;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * The reads both transition DAOs offer over their transition table (tasker-schema.md §7.3): history, current
 * transition, current state (one owner or many in one query), and the metadata update. Runs on the given context,
 * inside the caller's transaction if any. See {@link TaskTransitionDao} and {@link StepTransitionDao}.
 *
 * @param <T> the transition record ({@link TaskTransition} or {@link StepTransition})
 * @param <S> the state enum
 */
public abstract sealed class TransitionDao<T, S> permits TaskTransitionDao, StepTransitionDao {

    /** The context every statement runs on. */
    final DSLContext ctx;
    private final TransitionLog<?, T> log;
    private final String argument;
    private final Function<T, S> stateOf;
    private final Function<String, S> parse;

    /**
     * Reads of {@code log} on {@code ctx}; {@code argument} names the owner's uuid in argument errors (e.g. "task"),
     * {@code stateOf} is a transition's target state and {@code parse} reads a stored state.
     */
    TransitionDao(DSLContext ctx, TransitionLog<?, T> log, String argument, Function<T, S> stateOf,
            Function<String, S> parse) {
        this.ctx = Arguments.required("ctx", ctx);
        this.log = log;
        this.argument = argument;
        this.stateOf = stateOf;
        this.parse = parse;
    }

    /** All transitions of the task or step {@code id}, in sort_key order (oldest first), in one query. */
    public List<T> history(UUID id) {
        Arguments.required(argument, id);
        return DaoErrors.call("read " + log.entity() + " transitions", () -> log.history(ctx, id));
    }

    /** The current (most recent) transition of the task or step {@code id}; empty if it has none. */
    public Optional<T> current(UUID id) {
        Arguments.required(argument, id);
        return DaoErrors.call("read current " + log.entity() + " transition", () -> log.current(ctx, id));
    }

    /** The current state of the task or step {@code id}; empty if it has no transition. */
    public Optional<S> currentState(UUID id) {
        return current(id).map(stateOf);
    }

    /** The current state of each of {@code ids} that has a transition, in one query. */
    public Map<UUID, S> currentStates(Collection<UUID> ids) {
        Arguments.noNulls(argument + "s", ids);
        return DaoErrors.call("read current " + log.entity() + " states", () -> {
            Map<UUID, S> parsed = new LinkedHashMap<>();
            log.currentStates(ctx, ids).forEach((id, state) -> parsed.put(id, parse.apply(state)));
            return Map.copyOf(parsed);
        });
    }

    /** Replaces the {@code metadata} of the transition {@code transition}; {@link NotFoundException} if absent. */
    public void updateMetadata(UUID transition, JSONB metadata) {
        Arguments.required("transition", transition);
        Arguments.required("metadata", metadata);
        DaoErrors.run("update " + log.entity() + " transition metadata",
                () -> log.updateMetadata(ctx, transition, metadata));
    }
}
