package uk.jtai.response.partnership;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/** A named role and the mailbox that reaches it. */
public record Contact(@NotBlank String name, @NotBlank @Email String email) {}
