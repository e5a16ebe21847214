package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * Accounts and sign-in: the password policy; wrong passwords delay a user's sign-in, never lock it for good;
 * the webapps' cookies are Secure when a TLS proxy says the request came over HTTPS.
 */
class AccountsTest extends ProcessTestSupport {

  private static final String WRONG = "Wrong-Guess-2027!";

  @LocalServerPort int port;
  @Value("${jtai.admin.user-id}") String adminId;
  @Value("${jtai.admin.password}") String adminPassword;

  private IdentityService identity() {
    return engine.getIdentityService();
  }

  @Test
  void aPasswordThatBreaksThePolicyIsRefusedThroughTheEngineAndOverRest() {
    User weak = identity().newUser("acc-weak");
    weak.setPassword("a");
    assertThatThrownBy(() -> identity().saveUser(weak)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("policy");
    assertThat(identity().createUserQuery().userId("acc-weak").count()).isZero();

    Http admin = Http.as(port, adminId, adminPassword);
    for (String password : new String[] {"a", "longbutlowercase", "Acc-Rest-User-2027!"}) {
      HttpResponse<String> refused = admin.post("/engine-rest/user/create", "{\"profile\":{\"id\":\"acc-rest-user\","
          + "\"firstName\":\"Rest\",\"lastName\":\"User\"},\"credentials\":{\"password\":\"" + password + "\"}}");
      // Camunda's REST would answer the engine's bare exception with 500: it is the caller's mistake.
      assertThat(refused.statusCode()).as(password).isEqualTo(400);
      assertThat(refused.body()).as(password).contains("password: does not meet the password policy");
    }
    assertThat(identity().createUserQuery().userId("acc-rest-user").count()).isZero();

    HttpResponse<String> created = admin.post("/engine-rest/user/create", "{\"profile\":{\"id\":\"acc-rest-user\","
        + "\"firstName\":\"Rest\",\"lastName\":\"User\"},\"credentials\":{\"password\":\"Tawny-Owl-2027!\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
    assertThat(identity().checkPassword("acc-rest-user", "Tawny-Owl-2027!")).isTrue();
  }

  @Test
  void aWrongPasswordDelaysTheUsersNextSignInAndTheDelayEndsByItself() {
    TestUsers.ensure(identity(), "acc-delayed", "police");
    Http rightPassword = Http.as(port, "acc-delayed", TestUsers.PASSWORD);
    moveClockTo("2027-05-10T10:00:00+01:00");
    assertThat(identity().checkPassword("acc-delayed", WRONG)).isFalse();

    moveClockTo("2027-05-10T10:00:02+01:00");
    assertThat(identity().checkPassword("acc-delayed", TestUsers.PASSWORD)).as("within the first 3 s").isFalse();
    assertThat(rightPassword.get("/engine-rest/task").statusCode()).as("HTTP Basic within the first 3 s").isEqualTo(401);

    moveClockTo("2027-05-10T10:00:04+01:00");
    assertThat(rightPassword.get("/engine-rest/task").statusCode()).isEqualTo(200);
    assertThat(attempts("acc-delayed")).as("a successful sign-in clears the count").isZero();
  }

  @Test
  void thirtyWrongPasswordsDelayTheUserByAtMostAMinuteAndNeverLockTheAccountForGood() {
    TestUsers.ensure(identity(), "acc-hammered", "police");
    Instant guess = instant("2027-05-10T10:00:00+01:00");
    for (int i = 1; i <= 30; i++) {
      ClockUtil.setCurrentTime(Date.from(guess));
      assertThat(identity().checkPassword("acc-hammered", WRONG)).isFalse();
      guess = guess.plusSeconds(61); // each delay has ended before the next guess, so each one counts
    }
    assertThat(attempts("acc-hammered")).isEqualTo(30);
    Instant lastGuess = guess.minusSeconds(61);

    ClockUtil.setCurrentTime(Date.from(lastGuess.plusSeconds(59)));
    assertThat(identity().checkPassword("acc-hammered", TestUsers.PASSWORD)).as("59 s after the last wrong guess").isFalse();
    ClockUtil.setCurrentTime(Date.from(lastGuess.plusSeconds(61)));
    assertThat(identity().checkPassword("acc-hammered", TestUsers.PASSWORD)).as("61 s after it").isTrue();
    assertThat(attempts("acc-hammered")).isZero();
  }

  private int attempts(String userId) {
    return ((UserEntity) identity().createUserQuery().userId(userId).singleResult()).getAttempts();
  }

  @Test
  void behindATlsProxyTheTasklistSessionAndCsrfCookiesAreSecure() {
    TestUsers.ensure(identity(), "acc-cookie", "police");
    SignIn signIn = signInToTasklist("acc-cookie", true);
    assertThat(signIn.csrfCookie()).as("XSRF-TOKEN").contains("Secure");
    assertThat(signIn.sessionCookie()).as("JSESSIONID after sign-in").contains("Secure", "HttpOnly");
  }

  @Test
  void overPlainHttpWithoutAProxyTheCookiesAreNotSecure() {
    TestUsers.ensure(identity(), "acc-cookie", "police");
    SignIn signIn = signInToTasklist("acc-cookie", false);
    assertThat(signIn.csrfCookie()).as("XSRF-TOKEN").doesNotContain("Secure");
    assertThat(signIn.sessionCookie()).as("JSESSIONID after sign-in").doesNotContain("Secure").contains("HttpOnly");
  }

  /** The attributes of the cookies Tasklist's sign-in sets, e.g. [Path=/, Secure, HttpOnly, SameSite=Lax]. */
  record SignIn(List<String> csrfCookie, List<String> sessionCookie) {}

  /**
   * Signs in as Tasklist does: a first request for the CSRF token and a session, then the form post with both;
   * with {@code tls}, every request carries the X-Forwarded-Proto a TLS-terminating proxy adds.
   */
  private SignIn signInToTasklist(String user, boolean tls) {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> first = send(client, request("/camunda/api/admin/auth/user/default", tls).GET().build());
    String token = first.headers().firstValue("X-XSRF-TOKEN").orElseThrow();
    List<String> csrfCookie = cookie(first, "XSRF-TOKEN");
    String session = cookie(first, "JSESSIONID").get(0);

    String form = "username=" + user + "&password=" + URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> login = send(client, request("/camunda/api/admin/auth/user/default/login/tasklist", tls)
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .header("Cookie", session).POST(HttpRequest.BodyPublishers.ofString(form)).build());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return new SignIn(csrfCookie, cookie(login, "JSESSIONID"));
  }

  private HttpRequest.Builder request(String path, boolean tls) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    return tls ? request.header("X-Forwarded-Proto", "https") : request;
  }

  /** The cookie's name=value first, then its attributes. */
  private static List<String> cookie(HttpResponse<String> response, String name) {
    String header = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
        .reduce((first, last) -> last).orElseThrow(() -> new AssertionError("no " + name + " cookie in "
            + response.headers().allValues("Set-Cookie")));
    return Arrays.stream(header.split(";")).map(String::trim).toList();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
