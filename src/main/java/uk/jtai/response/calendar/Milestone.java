package uk.jtai.response.calendar;

import java.time.Instant;

/** One deadline of one inspection: its name in the models, its working day and the instant it falls due. */
public record Milestone(String name, int workingDay, Instant due, String title) {}
