package uk.jtai.response.contacts;

import java.util.Date;
import uk.jtai.response.process.Var;

/** Variables of bpmn/partnership-contacts.bpmn (besides reference, taskDescription and, per agency, agency). */
public final class ContactsVariables {

  private ContactsVariables() {}

  /** When the agencies' answers are due. */
  public static final Var<Date> CONTACTS_DUE = Var.of("contactsDue", Date.class);

  // What the tasks show (task-local on their task); the forms' own fields are their records'.
  public static final String CURRENT_CONTACTS = "currentContacts";
  public static final String ANSWERS = "contactAnswers";
  public static final String ANSWER_COLUMNS = "contactAnswerColumns";
  public static final String MISSING = "contactsMissing";
}
