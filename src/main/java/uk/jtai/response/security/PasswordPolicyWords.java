package uk.jtai.response.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyDigitRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLowerCaseRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicySpecialCharacterRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUpperCaseRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;

/** Camunda's password policy rules in words, for a message an operator reads at start-up. */
final class PasswordPolicyWords {

  private PasswordPolicyWords() {}

  /** E.g. "at least 10 characters; at least 1 digit; no user id, name or e-mail address in it". */
  static String of(List<PasswordPolicyRule> rules) {
    return String.join("; ", rules.stream().map(PasswordPolicyWords::of).toList());
  }

  static String of(PasswordPolicyRule rule) {
    Map<String, String> parameters = rule.getParameters() == null ? Map.of() : rule.getParameters();
    return switch (rule.getPlaceholder()) {
      case PasswordPolicyLengthRuleImpl.PLACEHOLDER -> "at least " + parameters.get("minLength") + " characters";
      case PasswordPolicyLowerCaseRuleImpl.PLACEHOLDER -> "at least " + parameters.get("minLowerCase") + " lower-case letter";
      case PasswordPolicyUpperCaseRuleImpl.PLACEHOLDER -> "at least " + parameters.get("minUpperCase") + " upper-case letter";
      case PasswordPolicyDigitRuleImpl.PLACEHOLDER -> "at least " + parameters.get("minDigit") + " digit";
      case PasswordPolicySpecialCharacterRuleImpl.PLACEHOLDER -> "at least " + parameters.get("minSpecial") + " special character";
      case PasswordPolicyUserDataRuleImpl.PLACEHOLDER -> "no user id, name or e-mail address in it";
      default -> rule.getPlaceholder() + " " + parameters;
    };
  }
}
