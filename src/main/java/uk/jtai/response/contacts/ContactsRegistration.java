package uk.jtai.response.contacts;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;
import uk.jtai.response.process.BetweenInspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.TaskNaming;

/**
 * Start listener of partnership-contacts ({@code ${contactsRegistration}}), whether the quarter's timer
 * or the Business Unit started it: the business key (CONTACTS-date) and when the answers are due.
 */
@Component("contactsRegistration")
public class ContactsRegistration implements ExecutionListener {

  private final BetweenInspections between;
  private final ContactsProperties properties;

  public ContactsRegistration(BetweenInspections between, ContactsProperties properties) {
    this.between = between;
    this.properties = properties;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String key = between.newKey("CONTACTS", null);
    execution.setProcessBusinessKey(key);
    Standing.REFERENCE.set(execution, key);
    TaskNaming.DESCRIPTION.set(execution, "Between inspections: the quarterly check of partnership contacts (" + key + ")");
    ContactsVariables.CONTACTS_DUE.set(execution, Date.from(between.endOfWorkingDaysFromNow(properties.responseWorkingDays())));
  }
}
