package uk.jtai.response.tasks;

import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Runs when any user task of any model is updated (a property such as its due date, assignee or name
 * changed, e.g. through TaskService.saveTask when a milestone moves).
 */
public interface TaskUpdated extends TaskListener {}
