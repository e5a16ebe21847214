package uk.jtai.response.notify;

import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.process.Rehearsals;

/**
 * The one way the product sends e-mail: {@link #enqueue} renders the message and writes it to the
 * outbox in the caller's transaction (a process step that rolls back leaves no e-mail behind);
 * {@link OutboxSender} delivers it later. An e-mail about a rehearsal is marked as one, whatever its
 * template, in its subject and at the top of its body.
 */
@Component
public class Outbox {

  private final OutboxRepository repository;
  private final MailTemplates templates;

  public Outbox(OutboxRepository repository, MailTemplates templates) {
    this.repository = repository;
    this.templates = templates;
  }

  public void enqueue(Mail mail) {
    if (mail.recipients().isEmpty()) {
      throw new IllegalArgumentException("e-mail " + mail.template() + " has no recipient");
    }
    if (mail.dedupKey() != null && repository.hasKey(mail.dedupKey())) {
      return;
    }
    MailTemplates.Rendered rendered = templates.render(mail.template(), mail.model());
    if (Rehearsals.isRehearsal(mail.reference())) {
      rendered = new MailTemplates.Rendered(Rehearsals.marked(rendered.subject()), Rehearsals.withBanner(rendered.body()));
    }
    repository.insert(mail, rendered, EngineTime.now());
  }
}
