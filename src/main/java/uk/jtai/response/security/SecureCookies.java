package uk.jtai.response.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Every cookie the service sets is {@code Secure} when the request came over TLS (to Tomcat, or to a reverse
 * proxy that said so in X-Forwarded-Proto: {@code server.forward-headers-strategy}), or always when
 * {@code server.servlet.session.cookie.secure} is set. Tomcat already does this for the session cookie
 * (JSESSIONID); Camunda's webapps write their CSRF cookie (XSRF-TOKEN) as a plain header, {@code Secure} only
 * when configured so for every request, which would break sign-in over plain HTTP on a developer's machine.
 */
public class SecureCookies implements Filter {

  private static final String SET_COOKIE = "Set-Cookie";
  private static final Pattern SECURE = Pattern.compile(";\\s*Secure\\s*(;|$)", Pattern.CASE_INSENSITIVE);

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean secure = request.isSecure() || request.getServletContext().getSessionCookieConfig().isSecure();
    if (secure && request instanceof HttpServletRequest && response instanceof HttpServletResponse http) {
      chain.doFilter(request, new SecureCookieResponse(http));
    } else {
      chain.doFilter(request, response);
    }
  }

  static String secured(String setCookie) {
    return setCookie == null || SECURE.matcher(setCookie).find() ? setCookie : setCookie + ";Secure";
  }

  private static final class SecureCookieResponse extends HttpServletResponseWrapper {

    SecureCookieResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addCookie(Cookie cookie) {
      cookie.setSecure(true);
      super.addCookie(cookie);
    }

    @Override
    public void addHeader(String name, String value) {
      super.addHeader(name, SET_COOKIE.equalsIgnoreCase(name) ? secured(value) : value);
    }

    @Override
    public void setHeader(String name, String value) {
      super.setHeader(name, SET_COOKIE.equalsIgnoreCase(name) ? secured(value) : value);
    }
  }
}
