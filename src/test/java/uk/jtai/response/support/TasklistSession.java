package uk.jtai.response.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A user signed in to Tasklist as the browser is: Camunda's session cookie, and the XSRF token the
 * webapp hands out on a GET sent back as the {@code X-XSRF-TOKEN} header on every change. Calls the
 * engine's REST resources where Tasklist does, under {@code /camunda/api/engine/engine/default}.
 */
public final class TasklistSession {

  private static final String XSRF_HEADER = "X-XSRF-TOKEN";
  private static final String ENGINE_API = "/camunda/api/engine/engine/default";
  private static final String AUTH_API = "/camunda/api/admin/auth/user/default";

  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
  private final String base;
  private String xsrfToken;

  private TasklistSession(int port) {
    this.base = "http://localhost:" + port;
  }

  /** Opens Tasklist and signs in; fails unless the webapp accepts the user. */
  public static TasklistSession signIn(int port, String user, String password) {
    TasklistSession session = new TasklistSession(port);
    session.fetchToken();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> login = session.send(session.request(AUTH_API + "/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
    if (login.statusCode() != 200) {
      throw new IllegalStateException("Tasklist sign-in of " + user + " answered " + login.statusCode() + ": " + login.body());
    }
    // Signing in starts a new session, which has a token of its own: Tasklist's next GET fetches it.
    session.fetchToken();
    return session;
  }

  /** POST to the engine's REST API through the webapp, e.g. {@code /task/{id}/comment/create}. */
  public HttpResponse<String> post(String enginePath, String json) {
    return send(request(ENGINE_API + enginePath).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> post(String enginePath, Multipart form) {
    return send(request(ENGINE_API + enginePath).header("Content-Type", form.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
  }

  public HttpResponse<String> get(String enginePath) {
    return send(request(ENGINE_API + enginePath).GET().build());
  }

  /** GET of a page or download of the product itself (not the engine's API), e.g. {@code /inspections/{reference}/children}. */
  public HttpResponse<String> page(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  /** POST of a form of the product's own pages, as the browser sends it: the session cookie, no XSRF header. */
  public HttpResponse<String> submit(String path, Multipart form) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", form.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
  }

  private void fetchToken() {
    HttpResponse<String> page = send(request(AUTH_API).GET().build());
    page.headers().firstValue(XSRF_HEADER).ifPresent(token -> xsrfToken = token);
    if (xsrfToken == null) {
      throw new IllegalStateException("Tasklist handed out no XSRF token (" + page.statusCode() + ")");
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (xsrfToken != null) {
      builder.header(XSRF_HEADER, xsrfToken);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      response.headers().firstValue(XSRF_HEADER).filter(token -> !token.equals("Required")).ifPresent(token -> xsrfToken = token);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
