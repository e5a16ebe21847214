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
 * child and question, for the selected children only; the return is recorded at once. A child the agency
 * has never known is ticked once in {@code notKnownChildren} (a nil return for that child): its questions
 * need no answer and are recorded as not applicable; a Yes for such a child contradicts the tick and is
 * refused, naming the row.
 */
@Component
public class KnownToAgencyForm implements TaskForm<KnownToAgencyForm.Submitted> {

  /**
   * @param knownToAgencyAnswers the agency's answers, one row per child and question (child-level data: to
   *     jtai_known_to_agency, never to the engine)
   */
  /**
   * @param knownToAgencyAnswers the agency's answers, one row per child and question (child-level data: to
   *     jtai_known_to_agency, never to the engine); for a child not known to the agency, {@link
   *     KnownToAgencyReturns#NOT_KNOWN} to "known" and {@link KnownToAgencyReturns#NOT_APPLICABLE} to the rest
   * @param notKnownChildren the children the agency ticked as not known to it (child-level data; none when absent)
   */
  public record Submitted(List<KnownToAgencyReturns.Answer> knownToAgencyAnswers, List<String> notKnownChildren) {}

  private static final Key<Submitted> ROWS = Submitted::knownToAgencyAnswers;
  private static final Key<Submitted> NOT_KNOWN = Submitted::notKnownChildren;

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
    List<String> notKnown = notKnown(task, submission);
    return new Submitted(answers(task, submission, notKnown == null ? List.of() : notKnown), notKnown);
  }

  /** The children ticked as not known to the agency, in the inspectors' order; null with the problems recorded. */
  private List<String> notKnown(DelegateTask task, Submission submission) {
    JsonNode ticked = submission.json(NOT_KNOWN);
    if (ticked == null) {
      return submission.rejected(NOT_KNOWN) ? null : List.of();
    }
    if (!ticked.isArray()) {
      submission.reject(NOT_KNOWN, "must be a list of the selected children");
      return null;
    }
    List<String> children = selected.firstSelection(Standing.REFERENCE.get(task));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ticked.size(); i++) {
      String child = ticked.get(i).asText("");
      // Named by position, never by child: the message may reach a log.
      if (!children.contains(child)) {
        submission.reject(NOT_KNOWN, "entry " + (i + 1) + " is not a child of the inspectors' selection");
      } else if (!seen.add(child)) {
        submission.reject(NOT_KNOWN, "entry " + (i + 1) + " is ticked twice");
      }
    }
    return submission.rejected(NOT_KNOWN) ? null : children.stream().filter(seen::contains).toList();
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    returns.record(Standing.REFERENCE.get(task), Standing.AGENCY.get(task), submitted.knownToAgencyAnswers(), user.id(),
        EngineTime.now());
  }

  /** The answers, or null with the problems recorded; rows are named by position, never by child. */
  private List<KnownToAgencyReturns.Answer> answers(DelegateTask task, Submission submission, List<String> notKnown) {
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
      } else if (notKnown.contains(child)) {
        // The questions fall away: blank (the form hides them) or No agree with the tick; Yes contradicts it.
        String answer = row.path("answer").asText("").strip().toLowerCase(java.util.Locale.UK);
        if (answer.equals("yes")) {
          submission.reject(field + ".answer", "row " + (i + 1) + " (child " + (children.indexOf(child) + 1)
              + "): Yes contradicts 'Not known to us' ticked for this child; leave its questions blank or untick it");
        } else if (!answer.isEmpty() && !answer.equals("no")) {
          submission.reject(field + ".answer", "row " + (i + 1) + " (child " + (children.indexOf(child) + 1)
              + "): leave it blank, the child is ticked as not known to us");
        }
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
      if (!answered.contains(key) && !notKnown.contains(key.substring(0, key.lastIndexOf('|')))) {
        missing++;
      }
    }
    if (missing > 0) {
      submission.reject(ROWS, missing + " of " + expected.size() + " questions are not answered");
    }
    if (submission.hasErrors()) {
      return null;
    }
    // A child not known to the agency: "Not known to us", and each of its questions not applicable.
    for (String child : notKnown) {
      for (Theme.Question q : questions) {
        answers.add(new KnownToAgencyReturns.Answer(child, q.id(),
            q.id().equals(KnownToAgency.KNOWN) ? KnownToAgencyReturns.NOT_KNOWN : KnownToAgencyReturns.NOT_APPLICABLE));
      }
    }
    return answers;
  }
}
