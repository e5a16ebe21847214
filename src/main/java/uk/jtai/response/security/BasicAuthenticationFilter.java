package uk.jtai.response.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * HTTP Basic against Camunda's users for the REST API and the product API: sets the engine's
 * authentication for the request, so engine authorization applies; anonymous calls get 401. Unlike
 * Camunda's filter it leaves no path open (not even the engine list). A product API download
 * (GET {@code /api/...}) also accepts the session of a user signed in to Tasklist, so a link in a task
 * form works; changes always need HTTP Basic, so a session cannot be used for cross-site requests. The product's
 * pages under {@code /inspections/} (childselection/identity) take the session for every method: their
 * changes are guarded by a form token held in the session instead; opened with neither a session nor
 * credentials, they answer 401 with a page that sends the user to Tasklist, not a Basic challenge.
 */
public class BasicAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  static final String ENGINE = "default";

  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    UserAuthentication session = sessionUser(http);
    if (session == null && isPage(http) && http.getHeader("Authorization") == null) {
      signInFirst(http, (HttpServletResponse) response);
      return;
    }
    if (session == null) {
      super.doFilter(request, response, chain);
      return;
    }
    ProcessEngine engine = EngineUtil.lookupProcessEngine(ENGINE);
    try {
      engine.getIdentityService().setAuthentication(session.getIdentityId(), session.getGroupIds(), session.getTenantIds());
      chain.doFilter(request, response);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static boolean isPage(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/inspections/");
  }

  /**
   * A page's link opened without a Tasklist session (signed out, or the session expired): 401 with a page that says
   * to sign in to Tasklist and open the link again from the task, rather than the browser's own password prompt
   * (a Basic challenge), which partners would not expect and which would sign them in outside Tasklist.
   */
  private static void signInFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    String tasklist = request.getContextPath() + "/camunda/app/tasklist/";
    response.getWriter().write("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"robots\" "
        + "content=\"noindex\"><title>Sign in to Tasklist first</title></head><body style=\"font-family: Arial, sans-serif; "
        + "margin: 2em\"><h1>Sign in to Tasklist first</h1><p>This page opens from a task, for whoever is signed in to "
        + "Tasklist. <a href=\"" + tasklist + "\">Sign in to Tasklist</a>, open your task and follow its link again.</p>"
        + "</body></html>");
  }

  /** The Tasklist user of a GET to the product API without credentials, or null. */
  private static UserAuthentication sessionUser(HttpServletRequest request) {
    boolean download = "GET".equals(request.getMethod())
        && request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    // The product's own pages (the children's identifying details): any method; a change carries the page's form token.
    boolean page = isPage(request);
    HttpSession session = (download || page) && request.getHeader("Authorization") == null ? request.getSession(false) : null;
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    Authentication authentication = authentications == null ? null : authentications.getAuthenticationForProcessEngine(ENGINE);
    return authentication instanceof UserAuthentication user ? user : null;
  }
}
