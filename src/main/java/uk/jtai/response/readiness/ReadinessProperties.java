package uk.jtai.response.readiness;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.readiness}: how often agencies re-check their documentary evidence (an ISO-8601 period,
 * default every three months: P3M) and how many working days they have for a re-check, a return or a
 * quality assurance (default 10).
 */
@Validated
@ConfigurationProperties("jtai.readiness")
public record ReadinessProperties(
    @NotBlank @Pattern(regexp = "P(\\d+[YMWD])+(T(\\d+[HMS])+)?|PT(\\d+[HMS])+", message = "must be an ISO-8601 period such as P3M")
    String recheckCycle,
    @Min(1) @Max(60) int responseWorkingDays) {}
