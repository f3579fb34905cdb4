package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/**
 * Rotating the access-token signing key without a restart and without refusing anyone: the new key is
 * published before it signs, tokens of the retiring key are accepted until it is retired, and refused after.
 */
class SigningKeyRotationIT {

    @Test
    void aTokenOfTheRetiringKeyIsAcceptedUntilRetirement() throws Exception {
        Api api = Api.throughHaproxy();
        IdentityIT.Customer before = IdentityIT.Customer.register(api, "rotation");
        String retiring = kid(before.accessToken());
        assertThat(retiring).isEqualTo(Stack.get().jwtKeyId());

        Stack.get().script("jwt-key", "rotate");
        String fresh = Api.login(api, before.email().toLowerCase(), IdentityIT.Customer.PASSWORD).getString("access_token");
        String active = kid(fresh);
        assertThat(active).as("tokens are signed with the new key").isNotEqualTo(retiring).isEqualTo(Stack.get().jwtKeyId());
        assertThat(api.get("/api/v1/customers/me", "Authorization", "Bearer " + fresh).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/customers/me", "Authorization", before.bearer()).statusCode())
                .as("a token of the retiring key, before retirement").isEqualTo(200);

        Stack.get().script("jwt-key", "retire", retiring);
        Stack.get().forgetAdminToken(); // signed with the retired key
        Await.until("a token of the retired key is refused on every instance", 30, () -> refusedEverywhere(before.bearer()));
        assertThat(api.get("/api/v1/customers/me", "Authorization", "Bearer " + fresh).statusCode())
                .as("a token of the new key").isEqualTo(200);
    }

    private static boolean refusedEverywhere(String bearer) {
        return Stack.get().instances().keySet().stream().map(i -> new Api(Stack.get().instanceUrl(i)))
                .allMatch(instance -> instance.get("/api/v1/customers/me", "Authorization", bearer).statusCode() == 401);
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
