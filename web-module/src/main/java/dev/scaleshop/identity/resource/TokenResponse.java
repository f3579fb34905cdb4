package dev.scaleshop.identity.resource;

import dev.scaleshop.identity.boundary.Tokens;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** RFC 6749 section 5.1 names. */
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "refreshToken", "refreshExpiresIn"})
public record TokenResponse(
        @JsonbProperty("access_token") String accessToken,
        @JsonbProperty("token_type") String tokenType,
        @JsonbProperty("expires_in") long expiresIn,
        @JsonbProperty("refresh_token") String refreshToken,
        @JsonbProperty("refresh_expires_in") long refreshExpiresIn) {

    static TokenResponse of(Tokens tokens) {
        return new TokenResponse(tokens.accessToken(), "Bearer", tokens.expiresIn(), tokens.refreshToken(),
                tokens.refreshExpiresIn());
    }
}
