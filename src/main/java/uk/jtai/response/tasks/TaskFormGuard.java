package uk.jtai.response.tasks;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Adds the server side of its form ({@link TaskForm}: read, verdict, record) to every user task as the
 * task's first complete listener. A user task whose form has no {@link TaskForm} cannot be deployed: no
 * form goes unchecked.
 */
public class TaskFormGuard extends AbstractBpmnParseListener {

  private final ObjectProvider<TaskForm<?>> formBeans;
  private final ObjectProvider<TaskCreated> createdBeans;
  private final ObjectProvider<TaskUpdated> updatedBeans;
  private Map<String, TaskForm<?>> forms;
  private List<TaskCreated> onCreate;
  private List<TaskUpdated> onUpdate;

  /** Resolved lazily: the beans may need engine services, which exist only after the engine is built. */
  public TaskFormGuard(ObjectProvider<TaskForm<?>> forms, ObjectProvider<TaskCreated> onCreate,
                       ObjectProvider<TaskUpdated> onUpdate) {
    this.formBeans = forms;
    this.createdBeans = onCreate;
    this.updatedBeans = onUpdate;
  }

  private synchronized void resolve() {
    if (forms == null) {
      forms = formBeans.orderedStream().collect(Collectors.toMap(TaskForm::formId, Function.identity()));
      onCreate = createdBeans.orderedStream().toList();
      onUpdate = updatedBeans.orderedStream().toList();
    }
  }

  @Override
  public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
    resolve();
    TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    Expression formRef = definition.getCamundaFormDefinitionKey();
    if (formRef == null) {
      throw new IllegalStateException("User task '" + activity.getId() + "' has no camunda:formRef");
    }
    TaskForm<?> form = forms.get(formRef.getExpressionText());
    if (form == null) {
      throw new IllegalStateException("User task '" + activity.getId() + "' uses form '" + formRef.getExpressionText()
          + "', which has no server-side check (a TaskForm bean)");
    }
    TaskViews.parse(userTaskElement, activity);
    onCreate.forEach(listener -> definition.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, listener));
    onUpdate.forEach(listener -> definition.addBuiltInTaskListener(TaskListener.EVENTNAME_UPDATE, listener));
    definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, new Check<>(form));
  }

  /** After every activity of the process (and its input mappings) is parsed: a task's own fields ({@link TaskLocalFields}). */
  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    TaskLocalFields.strip(processDefinition);
  }

  /** What the parse put on the activity of the task's step under {@code name}; null for a task outside a process. */
  static Object stepProperty(TaskEntity task, String name) {
    ExecutionEntity execution = task.getExecution();
    ActivityImpl activity = execution == null ? null : execution.getActivity();
    return activity == null ? null : activity.getProperty(name);
  }

  /** Reads the submission once into the form's record; records it only if nothing was rejected. */
  private record Check<T extends Record>(TaskForm<T> form) implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      Submission submission = Submissions.of(task.getId());
      T submitted = form.read(task, submission);
      submission.verdict();
      form.record(task, submitted);
    }
  }
}
