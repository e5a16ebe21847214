package uk.jtai.response.inspection;

import java.time.Instant;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.partnership.Theme;

/** A notification that passed every check, with the schedule it gives. */
public record NewInspection(String reference, Theme theme, Instant notifiedAt, InspectionSchedule schedule) {}
