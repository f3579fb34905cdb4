package dev.scaleshop.identity.boundary;

/** What a login or a refresh answers (RFC 6749 section 5.1 field names). */
public record Tokens(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {

    @Override
    public String toString() {
        return "Tokens[expiresIn=" + expiresIn + "]";
    }
}
