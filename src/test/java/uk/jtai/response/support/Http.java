package uk.jtai.response.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for tests that call the running service as a given user (or anonymously). */
public final class Http {

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  private Http(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  public static Http anonymous(int port) {
    return new Http("http://localhost:" + port, null);
  }

  public static Http as(int port, String user, String password) {
    return new Http("http://localhost:" + port,
        "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> post(String path, Multipart form) {
    return send(request(path).header("Content-Type", form.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build());
  }

  public HttpResponse<String> put(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
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
