package uk.jtai.response.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.jtai.response.web.ApiError;

/**
 * Refuses every request whose body is larger than {@code jtai.http.max-request-size} with 413 and the
 * product's error shape, before anything acts on it, on every door: {@code /api}, {@code /engine-rest} and
 * the webapps' {@code /camunda/api} (where Tasklist completes tasks and uploads attachments).
 *
 * <p>A body with a Content-Length over the limit is refused without reading it. A body without one
 * (chunked) is counted as it is read, and reading stops one byte past the limit: the reader (Spring MVC,
 * Jersey, Camunda's multipart parser) then fails, and whatever error it would have written is discarded
 * in favour of the 413. Nothing acts on a body it could not read, so nothing changes.
 *
 * <p>How the container's own limits relate (all follow the same property, see application.yaml):
 * <ul>
 *   <li>Tomcat reads a form-encoded body itself when a parameter is asked for, not through this
 *       filter's stream; its {@code maxPostSize} ({@code server.tomcat.max-http-form-post-size}) caps
 *       that at the same limit (only a chunked form could get that far).</li>
 *   <li>Likewise multipart bodies parsed by the servlet container ({@code getParts()}, Spring MVC's
 *       multipart support) are capped by {@code spring.servlet.multipart.max-request-size}. Camunda's
 *       REST API (Tasklist's attachment upload) parses multipart itself from the stream with no limit
 *       of its own, so this filter is its only limit.</li>
 *   <li>After a 413 Tomcat still reads and throws away up to {@code server.tomcat.max-swallow-size}
 *       (2 MB by default) of the unread body, so the connection can be kept; a client sending more than
 *       that has its connection closed and may see that rather than the 413. Nothing of it is kept.</li>
 * </ul>
 */
public class RequestSizeLimit extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(RequestSizeLimit.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long limit;
  private final String spoken;

  public RequestSizeLimit(DataSize maxRequestSize) {
    this.limit = maxRequestSize.toBytes();
    this.spoken = spoken(maxRequestSize);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(request, response);
      return;
    }
    if (declared >= 0) {
      // The container never reads past a declared length: such a body is within the limit.
      chain.doFilter(request, response);
      return;
    }
    CountedRequest counted = new CountedRequest(request, limit);
    try {
      chain.doFilter(counted, new DiscardedOnceOver(response, counted::over));
    } catch (IOException | ServletException | RuntimeException e) {
      if (!counted.over()) {
        throw e;
      }
    }
    if (counted.over()) {
      if (response.isCommitted()) {
        // Only an application that answers before reading the body gets here; none of ours does.
        log.warn("{} {}: request body over {} after the response was committed; its rest was discarded",
            request.getMethod(), request.getRequestURI(), spoken);
        return;
      }
      response.reset();
      refuse(request, response);
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    log.info("{} {}: request body over {} refused (413)", request.getMethod(), request.getRequestURI(), spoken);
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getOutputStream(), ApiError.of(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "The request body is larger than " + spoken + ", the most this service accepts"));
  }

  /** "1 MB", "512 KB", "1000 bytes". */
  static String spoken(DataSize size) {
    long bytes = size.toBytes();
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }

  /** What a reader sees when the body goes over the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super("request body over the limit");
    }
  }

  /** The request with its body counted as it is read (also through {@link #getReader()}). */
  private static final class CountedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private long count;
    private boolean over;
    private ServletInputStream stream;
    private BufferedReader reader;

    CountedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    boolean over() {
      return over;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new CountedStream(super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
      }
      return reader;
    }

    private final class CountedStream extends ServletInputStream {

      private final ServletInputStream in;

      CountedStream(ServletInputStream in) {
        this.in = in;
      }

      @Override
      public int read() throws IOException {
        checkNotOver();
        int b = in.read();
        if (b >= 0) {
          counted(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        checkNotOver();
        // Never ask for more than one byte past the limit: reading stops there.
        int n = in.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
        if (n > 0) {
          counted(n);
        }
        return n;
      }

      private void checkNotOver() throws BodyTooLargeException {
        if (over) {
          throw new BodyTooLargeException();
        }
      }

      private void counted(int n) throws BodyTooLargeException {
        count += n;
        if (count > limit) {
          over = true;
          throw new BodyTooLargeException();
        }
      }

      @Override
      public boolean isFinished() {
        return over || in.isFinished();
      }

      @Override
      public boolean isReady() {
        return in.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
      }

      @Override
      public int available() throws IOException {
        return in.available();
      }
    }
  }

  /**
   * The response as the application sees it: untouched while the body is within the limit; once it is
   * over, whatever the application answers (a 400 for JSON it could not read, say) is discarded so the
   * filter can answer 413.
   */
  private static final class DiscardedOnceOver extends HttpServletResponseWrapper {

    private final BooleanSupplier over;

    DiscardedOnceOver(HttpServletResponse response, BooleanSupplier over) {
      super(response);
      this.over = over;
    }

    private boolean live() {
      return !over.getAsBoolean();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      ServletOutputStream real = live() ? super.getOutputStream() : null;
      return new ServletOutputStream() {
        @Override
        public void write(int b) throws IOException {
          if (real != null && live()) {
            real.write(b);
          }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (real != null && live()) {
            real.write(b, off, len);
          }
        }

        @Override
        public void flush() throws IOException {
          if (real != null && live()) {
            real.flush();
          }
        }

        @Override
        public void close() throws IOException {
          if (real != null && live()) {
            real.close();
          }
        }

        @Override
        public boolean isReady() {
          return real == null || real.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          if (real != null) {
            real.setWriteListener(listener);
          }
        }
      };
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      PrintWriter real = live() ? super.getWriter() : null;
      return new PrintWriter(new Writer() {
        @Override
        public void write(char[] chars, int off, int len) {
          if (real != null && live()) {
            real.write(chars, off, len);
          }
        }

        @Override
        public void flush() {
          if (real != null && live()) {
            real.flush();
          }
        }

        @Override
        public void close() {
          if (real != null && live()) {
            real.close();
          }
        }
      });
    }

    @Override
    public void setStatus(int sc) {
      if (live()) {
        super.setStatus(sc);
      }
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      if (live()) {
        super.sendError(sc, msg);
      }
    }

    @Override
    public void sendError(int sc) throws IOException {
      if (live()) {
        super.sendError(sc);
      }
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      if (live()) {
        super.sendRedirect(location);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (live()) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (live()) {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setIntHeader(String name, int value) {
      if (live()) {
        super.setIntHeader(name, value);
      }
    }

    @Override
    public void addIntHeader(String name, int value) {
      if (live()) {
        super.addIntHeader(name, value);
      }
    }

    @Override
    public void setDateHeader(String name, long date) {
      if (live()) {
        super.setDateHeader(name, date);
      }
    }

    @Override
    public void addDateHeader(String name, long date) {
      if (live()) {
        super.addDateHeader(name, date);
      }
    }

    @Override
    public void addCookie(Cookie cookie) {
      if (live()) {
        super.addCookie(cookie);
      }
    }

    @Override
    public void setContentType(String type) {
      if (live()) {
        super.setContentType(type);
      }
    }

    @Override
    public void setContentLength(int len) {
      if (live()) {
        super.setContentLength(len);
      }
    }

    @Override
    public void setContentLengthLong(long len) {
      if (live()) {
        super.setContentLengthLong(len);
      }
    }

    @Override
    public void setCharacterEncoding(String charset) {
      if (live()) {
        super.setCharacterEncoding(charset);
      }
    }

    @Override
    public void setLocale(Locale locale) {
      if (live()) {
        super.setLocale(locale);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (live()) {
        super.flushBuffer();
      }
    }
  }
}
