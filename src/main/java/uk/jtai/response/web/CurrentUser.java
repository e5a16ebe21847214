package uk.jtai.response.web;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Who is signed in for the request running now, as Camunda authenticated them (HTTP Basic on the product
 * API and {@code /engine-rest}, the session of Tasklist and Cockpit), read through Camunda's public
 * {@link IdentityService}: the caller of the product API, and whoever completes a task or starts a process.
 * The one place the application asks who the user is.
 */
@Component
public class CurrentUser {

  private final IdentityService identity;

  /** Lazy: task forms use it, and they are resolved while the engine is still being built. */
  public CurrentUser(@Lazy IdentityService identity) {
    this.identity = identity;
  }

  /** The signed-in user's id; null when nobody is (the engine's own jobs and timers, Java callers such as tests). */
  public String id() {
    return find().map(Authentication::getUserId).orElse(null);
  }

  /** The signed-in user's authentication; empty when nobody is signed in. */
  public Optional<Authentication> find() {
    return Optional.ofNullable(identity.getCurrentAuthentication());
  }

  /** The caller of the product API, which runs only behind the authentication filter. */
  public Authentication authentication() {
    return find().orElseThrow(() -> new IllegalStateException("the product API runs only behind the authentication filter"));
  }

  /** Refuses the call unless the caller is in one of {@code groups}. */
  public void requireAnyGroup(List<String> groups, String what) {
    List<String> mine = authentication().getGroupIds();
    if (mine == null || groups.stream().noneMatch(mine::contains)) {
      throw new ApiExceptionHandler.ForbiddenException("Only " + String.join(" or ", groups) + " users can " + what);
    }
  }
}
