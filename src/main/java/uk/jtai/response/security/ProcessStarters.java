package uk.jtai.response.security;

import java.util.List;

/**
 * A process the people of some groups start themselves (from Tasklist's start form or the API): the
 * feature that owns the process declares it as a bean (a static factory method, so nothing of the feature
 * is built before the engine), and {@link IdentitySetup} grants those groups CREATE_INSTANCE on it and
 * nothing more.
 *
 * @param processKey the process definition key, e.g. jtai-inspection
 * @param startedBy the groups whose members start it, e.g. the DCS and the Business Unit
 */
public record ProcessStarters(String processKey, List<String> startedBy) {}
