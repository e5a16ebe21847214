package uk.jtai.response.childselection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.RowKeys;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/known-to-agency.form: an agency says, for each child of the first selection, whether the child
 * is known to it and answers the theme's questions (guidance 9.3 and 9.4). Exactly one Yes or No per
 * child and question, for the selected children only; the return is recorded at once.
 */
@Component
public class KnownToAgencyForm implements TaskForm<KnownToAgencyForm.Submitted> {

  /**
   * @param knownToAgencyAnswers the agency's answers, one row per child and question (child-level data: to
   *     jtai_known_to_agency, never to the engine)
   */
  public record Submitted(List<KnownToAgencyReturns.Answer> knownToAgencyAnswers) {}

  private static final Key<Submitted> ROWS = Submitted::knownToAgencyAnswers;

  private final Inspections inspections;
  private final SelectedChildren selected;
  private final KnownToAgency knownToAgency;
  private final KnownToAgencyReturns returns;
  private final CurrentUser user;

  public KnownToAgencyForm(Inspections inspections, SelectedChildren selected, KnownToAgency knownToAgency,
                           KnownToAgencyReturns returns, CurrentUser user) {
    this.inspections = inspections;
    this.selected = selected;
    this.knownToAgency = knownToAgency;
    this.returns = returns;
    this.user = user;
  }

  @Override
  public String formId() {
    return "known-to-agency";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(answers(task, submission));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    returns.record(Standing.REFERENCE.get(task), Standing.AGENCY.get(task), submitted.knownToAgencyAnswers(), user.id(),
        EngineTime.now());
  }

  /** The answers, or null with the problems recorded; rows are named by position, never by child. */
  private List<KnownToAgencyReturns.Answer> answers(DelegateTask task, Submission submission) {
    List<String> offeredQuestions = new ArrayList<>();
    for (String child : selected.firstSelection(Standing.REFERENCE.get(task))) {
      knownToAgency.questions(inspections.theme(task)).forEach(question -> offeredQuestions.add(question.id()));
    }
    // The sheet's rows were offered child by child, each child's questions in the theme's order (KnownToAgency.rows).
    RowKeys.restoreByPosition(submission, ROWS, "questionId", offeredQuestions);
    JsonNode rows = submission.json(ROWS);
    if (rows == null || !rows.isArray()) {
      if (!submission.hasErrors()) {
        submission.reject(ROWS, "is required: a Yes or No for every child and question");
      }
      return null;
    }
    List<String> children = selected.firstSelection(Standing.REFERENCE.get(task));
    List<Theme.Question> questions = knownToAgency.questions(inspections.theme(task));
    Set<String> expected = new HashSet<>();
    for (String child : children) {
      for (Theme.Question question : questions) {
        expected.add(child + "|" + question.id());
      }
    }
    Set<String> answered = new HashSet<>();
    List<KnownToAgencyReturns.Answer> answers = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String field = ROWS.name() + "[" + i + "]";
      String child = row.path("child").asText("");
      String question = row.path("questionId").asText("");
      String key = child + "|" + question;
      if (!children.contains(child)) {
        submission.reject(field + ".child", "row " + (i + 1) + " is not about a child of the inspectors' selection");
      } else if (!expected.contains(key)) {
        submission.reject(field + ".questionId", "row " + (i + 1) + " is not one of this theme's questions");
      } else if (!answered.add(key)) {
        submission.reject(field, "row " + (i + 1) + " answers a question already answered for that child");
      } else {
        String answer = row.path("answer").asText("").strip().toLowerCase(java.util.Locale.UK);
        if (!answer.equals("yes") && !answer.equals("no")) {
          submission.reject(field + ".answer", "row " + (i + 1) + " (child " + (children.indexOf(child) + 1)
              + "): answer Yes or No");
        } else {
          answers.add(new KnownToAgencyReturns.Answer(child, question, answer));
        }
      }
    }
    int missing = 0;
    for (String key : expected) {
      if (!answered.contains(key)) {
        missing++;
      }
    }
    if (missing > 0) {
      submission.reject(ROWS, missing + " of " + expected.size() + " questions are not answered");
    }
    return submission.hasErrors() ? null : answers;
  }
}
