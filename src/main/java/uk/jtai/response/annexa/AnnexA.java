package uk.jtai.response.annexa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.partnership.Theme;

/**
 * Bean {@code annexA}: the theme's Annex A items as the rows of the local authority's task form (one row
 * per list or report: uploaded, where, or why not).
 */
@Component("annexA")
public class AnnexA {

  private final Inspections inspections;
  private final ObjectMapper json = new ObjectMapper();

  public AnnexA(Inspections inspections) {
    this.inspections = inspections;
  }

  /** Empty rows for the form, one per Annex A item of the inspection's theme. */
  public SpinJsonNode rows(VariableScope scope) {
    ArrayNode rows = json.createArrayNode();
    for (Theme.AnnexAItem item : inspections.theme(scope).annexA()) {
      rows.addObject().put("id", item.id()).put("title", item.title())
          .put("uploaded", false).put("portalReference", "").put("rationale", "");
    }
    return Spin.JSON(rows.toString());
  }
}
