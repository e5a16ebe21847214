package uk.jtai.response.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * HTTP Basic against Camunda's users for the REST API and the product API: sets the engine's
 * authentication for the request, so engine authorization applies; anonymous calls get 401. Unlike
 * Camunda's filter it leaves no path open (not even the engine list).
 */
public class BasicAuthenticationFilter extends ProcessEngineAuthenticationFilter {

  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }
}
