package uk.jtai.response.contacts;

import java.util.Date;
import uk.jtai.response.process.Var;

/** Variables of bpmn/partnership-contacts.bpmn (besides reference, taskDescription and, per agency, agency). */
public final class ContactsVariables {

  private ContactsVariables() {}

  /** When the agencies' answers are due. */
  public static final Var<Date> CONTACTS_DUE = Var.of("contactsDue", Date.class);

  // Form fields (task-local on their task).
  public static final String CURRENT_CONTACTS = "currentContacts";
  public static final String CONTACTS_CURRENT = "contactsCurrent";
  public static final String CONTACT_CHANGES = "contactChanges";
  public static final String BRIEFED = "briefed";
  public static final String ANSWERS = "contactAnswers";
  public static final String ANSWER_COLUMNS = "contactAnswerColumns";
  public static final String MISSING = "contactsMissing";
  public static final String PARTNERSHIP_UPDATED = "partnershipUpdated";
  public static final String PROCEED_WITHOUT_ALL = "proceedWithoutAll";

  public static final String CURRENT = "current";
  public static final String CHANGES = "changes";
}
