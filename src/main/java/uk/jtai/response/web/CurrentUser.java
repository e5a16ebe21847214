package uk.jtai.response.web;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The caller of the product API, as authenticated by HTTP Basic against Camunda's users. */
@Component
public class CurrentUser {

  private final IdentityService identity;

  public CurrentUser(IdentityService identity) {
    this.identity = identity;
  }

  public Authentication authentication() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null) {
      throw new IllegalStateException("the product API runs only behind the authentication filter");
    }
    return authentication;
  }

  /** Refuses the call unless the caller is in one of {@code groups}. */
  public void requireAnyGroup(List<String> groups, String what) {
    List<String> mine = authentication().getGroupIds();
    if (mine == null || groups.stream().noneMatch(mine::contains)) {
      throw new ApiExceptionHandler.ForbiddenException("Only " + String.join(" or ", groups) + " users can " + what);
    }
  }
}
