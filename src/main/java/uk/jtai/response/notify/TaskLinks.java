package uk.jtai.response.notify;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Links into Tasklist: e-mails point people to the authenticated task instead of carrying its content. */
@Component
public class TaskLinks {

  private final String site;
  private final String base;

  public TaskLinks(@Value("${jtai.public-url}") String publicUrl) {
    this.site = publicUrl.replaceAll("/+$", "");
    this.base = site + "/camunda/app/tasklist/default/";
  }

  /** The page of where each agency stands in the inspection (signed in, as in Tasklist). */
  public String board(String reference) {
    return site + "/inspections/" + reference + "/board";
  }

  /** The inspection's timeline picture (SVG). */
  public String timeline(String reference) {
    return site + "/inspections/" + reference + "/timeline.svg";
  }

  public String task(String taskId) {
    return base + "#/?task=" + taskId;
  }

  public String tasklist() {
    return base;
  }
}
