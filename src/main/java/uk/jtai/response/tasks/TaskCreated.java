package uk.jtai.response.tasks;

import org.camunda.bpm.engine.delegate.TaskListener;

/** Runs when any user task of any model is created (before the model's own create listeners). */
public interface TaskCreated extends TaskListener {}
