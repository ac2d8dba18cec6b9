-- Upstream 20250912000000_tas41_richer_task_states: the 12 task states, processor_uuid and
-- transition_metadata on task transitions, and the task-claiming / state support functions.
-- get_system_health_counts was replaced here upstream; it is defined in its final 24-column form in the initial
-- schema file.

-- >>> DDL >>>
-- <<< DDL <<<

-- >>> FUNCTIONS-CORE >>>
-- <<< FUNCTIONS-CORE <<<

-- >>> FUNCTIONS-OPS >>>
-- <<< FUNCTIONS-OPS <<<

