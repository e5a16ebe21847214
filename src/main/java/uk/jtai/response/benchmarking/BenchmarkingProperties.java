package uk.jtai.response.benchmarking;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.benchmarking}: how many working days after the agencies' deadline the Business Unit's
 * analysis into the presentation is due (default 5).
 */
@Validated
@ConfigurationProperties("jtai.benchmarking")
public record BenchmarkingProperties(@Min(1) @Max(60) int analysisWorkingDays) {}
