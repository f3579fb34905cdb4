package dev.scaleshop.identity.resource;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A token request: {@code password} grant (email + password) or {@code refresh_token} grant. */
public record TokenRequest(
        @JsonbProperty("grant_type") @NotNull
        @Pattern(regexp = "password|refresh_token", message = "must be password or refresh_token") String grantType,
        @Size(max = 254) String email,
        @Size(max = 128) String password,
        @JsonbProperty("refresh_token") @Size(max = 100) String refreshToken) {

    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", email=" + email + "]";
    }
}
