package uk.jtai.response.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who may call what over HTTP. The webapps (Tasklist, Cockpit, Admin) keep Camunda's own session
 * login; {@code /engine-rest}, {@code /api} and the product's pages ({@code /inspections}) require HTTP Basic
 * or, for pages and downloads, that session; Admin's first-user setup is closed; cookies
 * are {@code Secure} over TLS; no request body may be larger than {@code jtai.http.max-request-size}.
 */
@Configuration
public class WebSecurity {

  @Bean
  FilterRegistrationBean<Filter> restAuthentication() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BasicAuthenticationFilter());
    registration.setName("jtai-basic-authentication");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/inspections/*");
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, HttpBasicAuthenticationProvider.class.getName()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * Bodies over {@code jtai.http.max-request-size} answer 413 on every path, checked before
   * authentication and before the application reads them.
   */
  @Bean
  FilterRegistrationBean<Filter> requestSizeLimit(HttpLimitProperties limits) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new RequestSizeLimit(limits.maxRequestSize()));
    registration.setName("jtai-request-size-limit");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /**
   * Camunda's Admin offers a page that creates an administrator while none exists; an administrator is
   * always created at start-up, and this closes the page's endpoint anyway.
   */
  @Bean
  FilterRegistrationBean<Filter> adminSetupClosed() {
    Filter closed = (request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(HttpServletResponse.SC_FORBIDDEN);
      http.setContentType("application/json");
      http.getWriter().write("{\"type\":\"Forbidden\",\"message\":\"Administrators are created in Admin by an administrator\"}");
    };
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(closed);
    registration.setName("jtai-admin-setup-closed");
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Before Camunda's webapp filters, which set the CSRF cookie (registered after every ordered registration). */
  @Bean
  FilterRegistrationBean<Filter> secureCookies() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new SecureCookies());
    registration.setName("jtai-secure-cookies");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
