package uk.jtai.response.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;

/** Accounts and sign-in: the password policy. */
class AccountsTest extends ProcessTestSupport {

  @LocalServerPort int port;
  @Value("${jtai.admin.user-id}") String adminId;
  @Value("${jtai.admin.password}") String adminPassword;

  private IdentityService identity() {
    return engine.getIdentityService();
  }

  @Test
  void aPasswordThatBreaksThePolicyIsRefusedThroughTheEngineAndOverRest() {
    User weak = identity().newUser("acc-weak");
    weak.setPassword("a");
    assertThatThrownBy(() -> identity().saveUser(weak)).isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("policy");
    assertThat(identity().createUserQuery().userId("acc-weak").count()).isZero();

    Http admin = Http.as(port, adminId, adminPassword);
    for (String password : new String[] {"a", "longbutlowercase", "Acc-Rest-User-2027!"}) {
      HttpResponse<String> refused = admin.post("/engine-rest/user/create", "{\"profile\":{\"id\":\"acc-rest-user\","
          + "\"firstName\":\"Rest\",\"lastName\":\"User\"},\"credentials\":{\"password\":\"" + password + "\"}}");
      // Camunda's REST answers a ProcessEngineException with 500, the policy's message in the body.
      assertThat(refused.statusCode()).as(password).isNotEqualTo(204);
      assertThat(refused.body()).as(password).contains("Password does not match policy");
    }
    assertThat(identity().createUserQuery().userId("acc-rest-user").count()).isZero();

    HttpResponse<String> created = admin.post("/engine-rest/user/create", "{\"profile\":{\"id\":\"acc-rest-user\","
        + "\"firstName\":\"Rest\",\"lastName\":\"User\"},\"credentials\":{\"password\":\"Tawny-Owl-2027!\"}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
    assertThat(identity().checkPassword("acc-rest-user", "Tawny-Owl-2027!")).isTrue();
  }
}
