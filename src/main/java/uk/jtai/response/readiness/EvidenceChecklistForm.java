package uk.jtai.response.readiness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/evidence-checklist.form: an agency's documentary evidence checklist (guidance 7.8), the first
 * time and at each re-check. Exactly the documents of its checklist, each either uploaded (and where:
 * a location, never the document) or not uploaded with the rationale; only an uploaded document can be
 * approved by the senior authority. Optionally another agency of the theme to quality-assure it (7.10).
 */
@Component
public class EvidenceChecklistForm implements TaskForm<EvidenceChecklistForm.Submitted> {

  /**
   * @param evidenceChecklist the agency's answer for every document of its checklist
   * @param qualityAssurer the agency asked to quality-assure it, or null for none
   */
  public record Submitted(List<ReadinessRepository.Document> evidenceChecklist, String qualityAssurer) {}

  private static final Key<Submitted> ROWS = Submitted::evidenceChecklist;

  private final ReadinessRepository repository;
  private final CurrentUser user;

  public EvidenceChecklistForm(ReadinessRepository repository, CurrentUser user) {
    this.repository = repository;
    this.user = user;
  }

  @Override
  public String formId() {
    return "evidence-checklist";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(answers(task, submission), qualityAssurer(task, submission));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    repository.recordChecklist(ThemeReadiness.key(task), ThemeReadiness.agency(task), submitted.evidenceChecklist(),
        submitted.qualityAssurer(), user.id(), EngineTime.now());
  }

  private String qualityAssurer(DelegateTask task, Submission submission) {
    String other = submission.optionalText(Submitted::qualityAssurer, 64).orElse(null);
    if (other != null) {
      List<String> agencies = new ArrayList<>(repository.agencies(ThemeReadiness.key(task)));
      agencies.remove(ThemeReadiness.agency(task));
      if (!agencies.contains(other)) {
        submission.reject(Submitted::qualityAssurer, "must be another agency of this theme: " + String.join(", ", agencies));
        return null;
      }
    }
    return other;
  }

  /**
   * The document a row answers: by its id, or, should a client send back only the form's fields, by
   * its title (shown read-only on the form).
   */
  private static ReadinessRepository.Document find(Map<String, ReadinessRepository.Document> expected, JsonNode row) {
    ReadinessRepository.Document byId = expected.get(row.path("document").asText(""));
    if (byId != null || row.hasNonNull("document")) {
      return byId;
    }
    String title = row.path("title").asText("");
    return expected.values().stream().filter(d -> d.title().equals(title)).findFirst().orElse(null);
  }

  /** The answers, or null with every problem recorded; rows are named by the document's title. */
  private List<ReadinessRepository.Document> answers(DelegateTask task, Submission submission) {
    JsonNode rows = submission.json(ROWS);
    if (rows == null || !rows.isArray()) {
      if (!submission.hasErrors()) {
        submission.reject(ROWS, "is required: one answer per document of your checklist");
      }
      return null;
    }
    Map<String, ReadinessRepository.Document> expected = new LinkedHashMap<>();
    for (ReadinessRepository.Document document : repository.documents(ThemeReadiness.key(task), ThemeReadiness.agency(task))) {
      expected.put(document.document(), document);
    }
    Map<String, ReadinessRepository.Document> answered = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String field = ROWS.name() + "[" + i + "]";
      ReadinessRepository.Document document = find(expected, row);
      if (document == null) {
        submission.reject(field + ".document", "row " + (i + 1) + " is not a document of your checklist");
        continue;
      }
      if (answered.containsKey(document.document())) {
        submission.reject(field + ".document", "'" + document.title() + "' is answered twice");
        continue;
      }
      boolean uploaded = row.path("uploaded").asBoolean(false);
      boolean approved = row.path("seniorApproved").asBoolean(false);
      String location = row.path("location").asText("").strip();
      String rationale = row.path("rationale").asText("").strip();
      String title = "'" + document.title() + "'";
      if (uploaded && location.isEmpty()) {
        submission.reject(field + ".location", title + ": say where it is uploaded");
      }
      if (!uploaded && rationale.isEmpty()) {
        submission.reject(field + ".rationale", title + ": not uploaded, so give the rationale");
      }
      if (!uploaded && approved) {
        submission.reject(field + ".seniorApproved", title + ": not uploaded, so it cannot have been approved");
      }
      if (location.length() > 300) {
        submission.reject(field + ".location", title + ": at most 300 characters (where it is, not the document)");
      }
      if (rationale.length() > 2000) {
        submission.reject(field + ".rationale", title + ": at most 2000 characters");
      }
      answered.put(document.document(), new ReadinessRepository.Document(document.agency(), document.document(),
          document.position(), document.title(), uploaded, uploaded ? location : null, uploaded && approved,
          rationale.isEmpty() ? null : rationale));
    }
    expected.forEach((id, document) -> {
      if (!answered.containsKey(id)) {
        submission.reject(ROWS, "'" + document.title() + "' is not answered");
      }
    });
    return submission.hasErrors() ? null : new ArrayList<>(answered.values());
  }
}
