package uk.jtai.response.notify;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    enqueueAll(List.of(mail));
  }

  /**
   * {@link #enqueue} for many e-mails written together (a batch of reminders): the keys looked up in one statement
   * and the rows inserted in one. Each e-mail is checked before any is written: one without a recipient writes none.
   */
  public void enqueueAll(List<Mail> mails) {
    mails.forEach(Outbox::addressed);
    Set<String> known = repository.keysAmong(mails.stream().map(Mail::dedupKey).filter(Objects::nonNull).toList());
    Set<String> written = new HashSet<>();
    Map<Mail, MailTemplates.Rendered> fresh = new LinkedHashMap<>();
    for (Mail mail : mails) {
      if (mail.dedupKey() == null || !known.contains(mail.dedupKey()) && written.add(mail.dedupKey())) {
        fresh.put(mail, rendered(mail));
      }
    }
    repository.insertAll(fresh, EngineTime.now());
  }

  private static void addressed(Mail mail) {
    if (mail.recipients().isEmpty()) {
      throw new IllegalArgumentException("e-mail " + mail.template() + " has no recipient");
    }
  }

  private MailTemplates.Rendered rendered(Mail mail) {
    MailTemplates.Rendered rendered = templates.render(mail.template(), mail.model());
    if (Rehearsals.isRehearsal(mail.reference())) {
      rendered = new MailTemplates.Rendered(Rehearsals.marked(rendered.subject()), Rehearsals.withBanner(rendered.body()));
    }
    return rendered;
  }
}
