package uk.jtai.response.notificationcascade;

/** The milestones bpmn/notification-cascade.bpmn refers to (defined per theme in themes/*.yaml). */
final class CascadeMilestones {

  private CascadeMilestones() {}

  static final String AGENCIES_CONFIRMED = "AGENCIES_CONFIRMED_DUE";
}
