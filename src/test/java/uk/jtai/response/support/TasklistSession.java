package uk.jtai.response.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A user signed in to Tasklist as the browser is: the webapps' session cookie and their XSRF token, calling
 * Tasklist's own engine API ({@code /camunda/api/engine/engine/default/...}), the door Tasklist uses.
 */
public final class TasklistSession {

  private static final String ENGINE_API = "/camunda/api/engine/engine/default";

  private final CookieManager cookies = new CookieManager();
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
  private final String base;
  private String xsrf;

  private TasklistSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Signs in as {@code user}; fails the test if Tasklist refuses. */
  public static TasklistSession signIn(int port, String user, String password) {
    TasklistSession session = new TasklistSession(port);
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/tasklist/")).GET().build());
    HttpResponse<String> login = session.send(session.withToken(HttpRequest.newBuilder(
            URI.create(session.base + "/camunda/api/admin/auth/user/default/login/tasklist")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
        .build());
    if (login.statusCode() != 200) {
      throw new AssertionError(user + " could not sign in to Tasklist: " + login.statusCode() + " " + login.body());
    }
    // Signing in starts a new session, whose first read hands out its XSRF token (as the browser's next call does).
    session.xsrf = null;
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/api/admin/auth/user/default")).GET().build());
    return session;
  }

  /** GET on Tasklist's engine API, e.g. {@code /task/{id}/form-variables}. */
  public HttpResponse<String> get(String enginePath) {
    return send(withToken(HttpRequest.newBuilder(URI.create(base + ENGINE_API + enginePath))).GET().build());
  }

  /** POST of JSON to Tasklist's engine API, e.g. {@code /task/{id}/submit-form}. */
  public HttpResponse<String> post(String enginePath, String json) {
    return send(withToken(HttpRequest.newBuilder(URI.create(base + ENGINE_API + enginePath)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private HttpRequest.Builder withToken(HttpRequest.Builder request) {
    return xsrf == null ? request : request.header("X-XSRF-TOKEN", xsrf);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("Set-Cookie")) {
        for (HttpCookie cookie : HttpCookie.parse(header)) {
          if (cookie.getName().equals("XSRF-TOKEN")) {
            xsrf = cookie.getValue();
          }
        }
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
