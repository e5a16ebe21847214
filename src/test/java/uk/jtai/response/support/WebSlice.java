package uk.jtai.response.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.unit.DataSize;
import uk.jtai.response.calendar.CalendarFixtures;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.PartnershipFixtures;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.security.BasicAuthenticationFilter;
import uk.jtai.response.security.RequestSizeLimit;
import uk.jtai.response.web.CurrentUser;

/**
 * What a {@code @WebMvcTest} of a product API controller needs besides the controller, without the engine
 * or a database: the product's own HTTP Basic filter ({@link BasicAuthenticationFilter}, on {@code /api/*}
 * as in {@code WebSecurity}) over a handful of users held here instead of the engine's identity tables; the
 * product's {@link RequestSizeLimit} (at {@link #MAX_REQUEST_SIZE}, small so a test need not send a
 * megabyte); and the real {@link CurrentUser}, which reads whoever the filter authenticated. So a
 * slice shows that the caller is the signed-in user, not whoever a request body names.
 *
 * <p>Import it with {@code @Import(WebSlice.class)} (and {@link Calendar} or {@link York} where the controller
 * needs them) and send requests {@code .with(as("bu"))}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WebSlice {

  public static final String PASSWORD = "slice-password";
  public static final DataSize MAX_REQUEST_SIZE = DataSize.ofKilobytes(4);

  /** The users a slice knows, with their Camunda groups (as the demo users have them). */
  public static final Map<String, List<String>> USERS = Map.of(
      "bu", List.of("business-unit"),
      "laim", List.of("laim"),
      "dcs", List.of("dcs", "la-senior"),
      "police.lead", List.of("police"),
      "health.lead", List.of("health"),
      "admin", List.of("camunda-admin"),
      "stranger", List.of("book-club"));

  /** HTTP Basic as {@code user}, with the right password. */
  public static RequestPostProcessor as(String user) {
    return basic(user, PASSWORD);
  }

  public static RequestPostProcessor basic(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request -> {
      request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + token);
      return request;
    };
  }

  /**
   * The engine's identity service as the authentication filter and {@link CurrentUser} use it: passwords
   * and groups from {@link #USERS}, and the authentication of the request running now.
   */
  @Bean
  IdentityService sliceIdentityService() {
    IdentityService identity = mock(IdentityService.class);
    ThreadLocal<Authentication> current = new ThreadLocal<>();
    when(identity.checkPassword(anyString(), anyString()))
        .thenAnswer(call -> USERS.containsKey(call.<String>getArgument(0)) && PASSWORD.equals(call.getArgument(1)));
    doAnswer(call -> {
      current.set(new Authentication(call.getArgument(0), call.getArgument(1), call.getArgument(2)));
      return null;
    }).when(identity).setAuthentication(anyString(), anyList(), anyList());
    doAnswer(call -> {
      current.set(call.getArgument(0));
      return null;
    }).when(identity).setAuthentication(any(Authentication.class));
    doAnswer(call -> {
      current.remove();
      return null;
    }).when(identity).clearAuthentication();
    when(identity.getCurrentAuthentication()).thenAnswer(call -> current.get());
    return identity;
  }

  @Bean
  CurrentUser currentUser(IdentityService sliceIdentityService) {
    return new CurrentUser(sliceIdentityService);
  }

  /** The product's filter, addressing an engine that is only its identity service. */
  @Bean
  FilterRegistrationBean<Filter> sliceAuthentication(IdentityService sliceIdentityService) {
    ProcessEngine engine = mock(ProcessEngine.class);
    when(engine.getName()).thenReturn("default");
    when(engine.getIdentityService()).thenReturn(sliceIdentityService);
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new BasicAuthenticationFilter() {
      @Override
      protected ProcessEngine getAddressedEngine(String engineName) {
        return engine;
      }

      @Override
      protected List<String> getGroupsOfUser(ProcessEngine processEngine, String userId) {
        return USERS.getOrDefault(userId, List.of());
      }

      @Override
      protected List<String> getTenantsOfUser(ProcessEngine processEngine, String userId) {
        return List.of();
      }
    });
    registration.addUrlPatterns("/api/*");
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, HttpBasicAuthenticationProvider.class.getName()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** The working calendar on the bundled bank holidays, for controllers that write times in local time. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class Calendar {
    @Bean
    WorkingCalendar workingCalendar() {
      return CalendarFixtures.calendar();
    }
  }

  /** The shipped York partnership and its theme files, for controllers that check against them. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class York {
    @Bean
    Partnership partnership() {
      return PartnershipFixtures.york();
    }

    @Bean
    ThemeRegistry themeRegistry() {
      return PartnershipFixtures.themes();
    }
  }

  @Bean
  FilterRegistrationBean<Filter> sliceRequestSizeLimit() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new RequestSizeLimit(MAX_REQUEST_SIZE));
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
