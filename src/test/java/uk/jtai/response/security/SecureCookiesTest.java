package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

/** The CSRF cookie Camunda's webapps write as a header: Secure over TLS, or always when so configured. */
class SecureCookiesTest {

  /** The attributes of each cookie set, by the cookie's name=value: as Camunda's CSRF filter and Tomcat write them. */
  private static List<List<String>> cookies(MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new SecureCookies().doFilter(request, response, new MockFilterChain(new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse res) {
        res.addHeader("Set-Cookie", "XSRF-TOKEN=0A1B;Path=/camunda;SameSite=Lax");
        res.addHeader("Set-Cookie", "JSESSIONID=F00; Path=/; Secure; HttpOnly");
      }
    }));
    return response.getHeaders("Set-Cookie").stream()
        .map(header -> Arrays.stream(header.split(";")).map(String::trim).toList()).toList();
  }

  @Test
  void overTlsTheCookieIsSecureAndAnAlreadySecureOneIsLeftAlone() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setSecure(true);
    List<List<String>> cookies = cookies(request);
    assertThat(cookies.get(0)).containsOnlyOnce("Secure").contains("XSRF-TOKEN=0A1B", "SameSite=Lax");
    assertThat(cookies.get(1)).containsOnlyOnce("Secure").contains("JSESSIONID=F00", "HttpOnly");
  }

  @Test
  void overPlainHttpTheCookieIsLeftAsItIs() throws Exception {
    assertThat(cookies(new MockHttpServletRequest()).get(0)).doesNotContain("Secure");
  }

  @Test
  void withSecureSessionCookiesConfiguredTheCookieIsSecureOverPlainHttpToo() throws Exception {
    MockServletContext context = new MockServletContext();
    context.getSessionCookieConfig().setSecure(true); // server.servlet.session.cookie.secure (JTAI_SECURE_COOKIES)
    assertThat(cookies(new MockHttpServletRequest(context)).get(0)).containsOnlyOnce("Secure");
  }
}
