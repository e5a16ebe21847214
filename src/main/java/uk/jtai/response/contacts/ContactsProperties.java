package uk.jtai.response.contacts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.contacts}: when the quarterly check of partnership contacts starts (a Camunda timer cycle:
 * a Quartz-style cron expression or an ISO-8601 repeating interval; default 09:00 on the first day of
 * January, April, July and October) and how many working days agencies have to answer (default 10).
 * The cycle is read when the models are deployed.
 */
@Validated
@ConfigurationProperties("jtai.contacts")
public record ContactsProperties(@NotBlank String cycle, @Min(1) @Max(60) int responseWorkingDays) {}
