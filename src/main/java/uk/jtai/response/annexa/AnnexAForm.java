package uk.jtai.response.annexa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.Spin;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.RowKeys;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/submit-annex-a.form: for each Annex A item of the theme, the local authority confirms it was
 * uploaded to the inspectors' secure portal (and says where: a reference, never the data) or gives a
 * rationale. Exactly the theme's items, each answered one way or the other.
 */
@Component
public class AnnexAForm implements TaskForm<AnnexAForm.Submitted> {

  static final String SUBMITTED = "annexASubmitted";

  /** @param annexALists one answer per Annex A item of the theme, in the order submitted */
  public record Submitted(List<Answer> annexALists) {}

  /** One row of the list: the item's id, and where it was uploaded or why not (stripped; blank when not given). */
  public record Answer(String id, boolean uploaded, String portalReference, String rationale) {}

  private static final Key<Submitted> ROWS = Submitted::annexALists;

  private final Inspections inspections;
  private final ObjectMapper json = new ObjectMapper();

  public AnnexAForm(Inspections inspections) {
    this.inspections = inspections;
  }

  @Override
  public String formId() {
    return "submit-annex-a";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    RowKeys.restoreByPosition(submission, ROWS, "id",
        inspections.theme(task).annexA().stream().map(Theme.AnnexAItem::id).toList());
    JsonNode rows = submission.json(ROWS);
    if (rows == null) {
      if (!submission.hasErrors()) {
        submission.reject(ROWS, "is required: one answer per Annex A list");
      }
      return new Submitted(null);
    }
    if (!rows.isArray()) {
      submission.reject(ROWS, "must be a list");
      return new Submitted(null);
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (Theme.AnnexAItem item : inspections.theme(task).annexA()) {
      expected.put(item.id(), item.title());
    }
    Map<String, JsonNode> answered = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String id = row.path("id").asText("");
      String field = ROWS.name() + "[" + i + "]";
      if (!expected.containsKey(id)) {
        submission.reject(field + ".id", "'" + id + "' is not an Annex A list of this theme");
      } else if (answered.put(id, row) != null) {
        submission.reject(field + ".id", "'" + expected.get(id) + "' is answered twice");
      }
    }
    expected.forEach((id, title) -> {
      if (!answered.containsKey(id)) {
        submission.reject(ROWS, "'" + title + "' is not answered");
      }
    });
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String title = expected.getOrDefault(row.path("id").asText(""), "row " + (i + 1));
      String field = ROWS.name() + "[" + i + "]";
      boolean uploaded = row.path("uploaded").asBoolean(false);
      String where = row.path("portalReference").asText("").strip();
      String rationale = row.path("rationale").asText("").strip();
      if (uploaded && where.isEmpty()) {
        submission.reject(field + ".portalReference", "'" + title + "': say where on the inspectors' portal it was uploaded");
      } else if (!uploaded && rationale.isEmpty()) {
        submission.reject(field + ".rationale", "'" + title + "': not uploaded, so give the rationale");
      }
      if (where.length() > 300) {
        submission.reject(field + ".portalReference", "'" + title + "': at most 300 characters (a reference, not the data)");
      }
      if (rationale.length() > 2000) {
        submission.reject(field + ".rationale", "'" + title + "': at most 2000 characters");
      }
      answers.add(new Answer(row.path("id").asText(), uploaded, where, rationale));
    }
    return new Submitted(answers);
  }

  /** Keeps a clean summary on the Annex A process: per item, uploaded where or why not. */
  @Override
  public void record(DelegateTask task, Submitted submitted) {
    ArrayNode summary = json.createArrayNode();
    for (Answer answer : submitted.annexALists()) {
      summary.addObject().put("id", answer.id())
          .put("uploaded", answer.uploaded())
          .put(answer.uploaded() ? "portalReference" : "rationale", answer.uploaded() ? answer.portalReference() : answer.rationale());
    }
    task.getExecution().getProcessInstance().setVariable(SUBMITTED, Spin.JSON(summary.toString()));
  }
}
