package dev.scaleshop.identity.boundary;

import java.util.Set;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An account an administrator creates: partners (SOAP and partner REST) and further administrators. */
public record AccountDraft(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(max = 128) String password,
        @NotEmpty Set<@NotNull @Pattern(regexp = "partner|admin", message = "must be partner or admin") String> roles) {

    @Override
    public String toString() {
        return "AccountDraft[email=" + email + ", roles=" + roles + "]";
    }
}
