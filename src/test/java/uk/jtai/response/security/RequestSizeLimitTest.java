package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * Request bodies over {@code jtai.http.max-request-size} (1 MB) answer 413 and change nothing, on the
 * product API, the engine's REST API and Tasklist's API, whether the body declares its length or is
 * sent in chunks.
 */
class RequestSizeLimitTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @LocalServerPort int port;
  @Autowired HttpLimitProperties limits;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String basic = "Basic " + Base64.getEncoder()
      .encodeToString(("rs-bu:" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));

  @BeforeEach
  void users() {
    TestUsers.ensure(engine.getIdentityService(), "rs-bu", "business-unit");
  }

  private int limit() {
    return (int) limits.maxRequestSize().toBytes();
  }

  /** JSON {@code prefix...} padded with spaces before its closing brace to exactly {@code size} bytes. */
  private static byte[] padded(String json, int size) {
    byte[] content = json.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    System.arraycopy(content, 0, body, 0, content.length - 1);
    body[size - 1] = '}';
    return body;
  }

  private static byte[] startRequest(String reference, int size) {
    return padded("{\"reference\":\"" + reference + "\",\"theme\":\"domestic-abuse\",\"notifiedAt\":\"" + NOTIFIED + "\"}", size);
  }

  private HttpResponse<String> send(String path, String contentType, byte[] body, boolean chunked, String... headers)
      throws Exception {
    HttpRequest.BodyPublisher publisher = chunked
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", contentType).POST(publisher);
    if (headers.length > 0) {
      request.headers(headers);
    } else {
      request.header("Authorization", basic);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void assertRefused(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    JsonNode error = json.readTree(response.body());
    assertThat(error.get("status").asInt()).isEqualTo(413);
    assertThat(error.get("message").asText()).isEqualTo("The request body is larger than 1 MB, the most this service accepts");
  }

  private long inspections(String reference) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("jtai-inspection").processInstanceBusinessKey(reference).count();
  }

  @Test
  void aBodyJustOverTheLimitIsRefusedAndNothingIsStoredWhileOneAtTheLimitStartsTheInspection() throws Exception {
    String refused = newReference();
    assertRefused(send("/api/inspections", "application/json", startRequest(refused, limit() + 1), false));
    assertThat(inspections(refused)).isZero();

    String accepted = newReference();
    HttpResponse<String> created = send("/api/inspections", "application/json", startRequest(accepted, limit()), false);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(inspections(accepted)).isEqualTo(1);
  }

  @Test
  void aChunkedBodyIsCountedAsItIsReadAndRefusedPastTheLimit() throws Exception {
    String refused = newReference();
    assertRefused(send("/api/inspections", "application/json", startRequest(refused, limit() + 1), true));
    assertThat(inspections(refused)).isZero();

    String accepted = newReference();
    HttpResponse<String> created = send("/api/inspections", "application/json", startRequest(accepted, 2000), true);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(inspections(accepted)).isEqualTo(1);
  }

  @Test
  void theEnginesRestApiIsLimitedToo() throws Exception {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    Task notify = task(reference, "Task_NotifyPartners");
    String complete = "/engine-rest/task/" + notify.getId() + "/complete";
    byte[] variables = padded("{\"variables\":{\"contactsCurrent\":{\"value\":true}}}", limit() + 10);
    assertRefused(send(complete, "application/json", variables, false));
    assertRefused(send(complete, "application/json", variables, true));
    assertThat(task(reference, "Task_NotifyPartners")).as("still open").isNotNull();

    HttpResponse<String> done = send(complete, "application/json",
        padded("{\"variables\":{\"contactsCurrent\":{\"value\":true}}}", 5000), true);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(openTasks(reference, "Task_NotifyPartners")).isEmpty();
  }

  @Test
  void tasklistsApiIsLimitedIncludingAttachmentUploads() throws Exception {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    Task notify = task(reference, "Task_NotifyPartners");

    // Signed in to Tasklist as its browser is: a session cookie and the CSRF token.
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf(cookies))
        .POST(HttpRequest.BodyPublishers.ofString("username=rs-bu&password=" + TestUsers.PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    // Signing in starts a new session; Tasklist's next read gives it its CSRF token.
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).GET().build(),
        HttpResponse.BodyHandlers.discarding());

    String task = "/camunda/api/engine/engine/default/task/" + notify.getId();
    byte[] variables = padded("{\"variables\":{\"contactsCurrent\":{\"value\":true}}}", limit() + 10);
    for (boolean chunked : new boolean[] {false, true}) {
      HttpRequest.Builder complete = HttpRequest.newBuilder(URI.create(base + task + "/complete"))
          .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf(cookies))
          .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(variables))
              : HttpRequest.BodyPublishers.ofByteArray(variables));
      assertRefused(browser.send(complete.build(), HttpResponse.BodyHandlers.ofString()));
    }

    String boundary = "jtai-boundary";
    ByteArrayOutputStream multipart = new ByteArrayOutputStream();
    multipart.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment-name\"\r\n\r\nnotes\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"content\"; filename=\"notes.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    multipart.write(new byte[limit()]);
    multipart.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    byte[] upload = multipart.toByteArray();
    HttpResponse<String> attachment = browser.send(HttpRequest.newBuilder(URI.create(base + task + "/attachment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-XSRF-TOKEN", csrf(cookies))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertRefused(attachment);

    assertThat(task(reference, "Task_NotifyPartners")).as("still open").isNotNull();
    assertThat(tasks.getTaskAttachments(notify.getId())).isEmpty();
  }

  private static String csrf(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
  }

  @Test
  void aTwentyMegabyteBodyIsRefusedBeforeItIsSent() throws Exception {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/inspections HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic
          + "\r\nContent-Type: application/json\r\nContent-Length: " + 20 * 1024 * 1024 + "\r\n\r\n{\"reference\":")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      assertThat(statusLine).startsWith("HTTP/1.1 413");
    }
  }
}
