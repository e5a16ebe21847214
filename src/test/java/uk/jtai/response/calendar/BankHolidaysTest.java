package uk.jtai.response.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class BankHolidaysTest {

  private final ObjectMapper mapper = new ObjectMapper();

  private BankHolidays bundled() throws IOException {
    try (InputStream in = new ClassPathResource("calendar/bank-holidays-england-and-wales.json").getInputStream()) {
      return BankHolidays.read(in, mapper);
    }
  }

  private BankHolidays feed(String events) throws IOException {
    String json = "{\"england-and-wales\":{\"division\":\"england-and-wales\",\"events\":[" + events + "]},"
        + "\"scotland\":{\"division\":\"scotland\",\"events\":[{\"title\":\"St Andrew's Day\",\"date\":\"2027-11-30\"}]}}";
    return BankHolidays.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), mapper);
  }

  @Test
  void theBundledCopyCovers2025To2028() throws IOException {
    BankHolidays holidays = bundled();
    assertThat(holidays.firstYear()).isEqualTo(2025);
    assertThat(holidays.lastYear()).isEqualTo(2028);
    assertThat(holidays.holidayOn(LocalDate.parse("2027-05-31"))).contains("Spring bank holiday");
  }

  @Test
  void onlyEnglandAndWalesCounts() throws IOException {
    BankHolidays holidays = feed("{\"title\":\"Christmas Day\",\"date\":\"2027-12-27\"}");
    assertThat(holidays.holidayOn(LocalDate.parse("2027-11-30"))).isEmpty();
  }

  @Test
  void aLiveFeedReplacesTheYearsItCoversAndTheBundledCopyAnswersForTheRest() throws IOException {
    BankHolidays live = feed("{\"title\":\"Extra bank holiday\",\"date\":\"2027-06-07\"},"
        + "{\"title\":\"New Year's Day\",\"date\":\"2029-01-01\"}");
    BankHolidays merged = bundled().updatedWith(live);
    assertThat(merged.holidayOn(LocalDate.parse("2027-06-07"))).contains("Extra bank holiday");
    assertThat(merged.holidayOn(LocalDate.parse("2029-01-01"))).contains("New Year's Day");
    assertThat(merged.holidayOn(LocalDate.parse("2026-04-03"))).contains("Good Friday");
    assertThat(merged.lastYear()).isEqualTo(2029);
  }

  @Test
  void somethingThatIsNotTheFeedIsRefused() {
    assertThatThrownBy(() -> BankHolidays.read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), mapper))
        .isInstanceOf(IOException.class).hasMessageContaining("england-and-wales");
  }
}
