package uk.jtai.response.afterfieldwork;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.after-publication}: the partnership's action plan is due this many working days after
 * publication (70 in published inspections), or {@code priorityActionPlanWorkingDays} when the inspectors
 * named a priority action.
 */
@Validated
@ConfigurationProperties("jtai.after-publication")
public record AfterPublicationProperties(@Min(1) int actionPlanWorkingDays, @Min(1) int priorityActionPlanWorkingDays) {}
