package dev.scaleshop.identity.boundary;

import dev.scaleshop.customers.boundary.CustomerDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What someone sends to become a customer; the password's strength is checked by the directory. */
public record Registration(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(max = 128) String password,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid CustomerDraft.AddressDraft address) {

    @Override
    public String toString() { // never the password, not even in a log line
        return "Registration[email=" + email + "]";
    }
}
