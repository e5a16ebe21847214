package uk.jtai.response.tasks;

import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Runs when any user task of any model ends: completed (after its form's check), or deleted because its
 * scope ended (an interrupting timer, a cancelled process).
 */
public interface TaskEnded extends TaskListener {}
