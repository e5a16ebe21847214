package uk.jtai.response.notify;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Links into Tasklist: e-mails point people to the authenticated task instead of carrying its content. */
@Component
public class TaskLinks {

  private final String base;

  public TaskLinks(@Value("${jtai.public-url}") String publicUrl) {
    this.base = publicUrl.replaceAll("/+$", "") + "/camunda/app/tasklist/default/";
  }

  public String task(String taskId) {
    return base + "#/?task=" + taskId;
  }

  public String tasklist() {
    return base;
  }
}
