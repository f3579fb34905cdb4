package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Registration, login and access tokens through HAProxy and on each instance: one token works on every
 * instance; expired, tampered, foreign and unsigned tokens are refused with problem+json; roles and
 * ownership hold (no IDOR); refresh tokens rotate and a replayed one is refused; repeated failed
 * logins lock the account.
 */
class IdentityIT {

    private final Api api = Api.throughHaproxy();

    @Test
    void aTokenFromOneLoginWorksOnEveryInstance() {
        Customer alice = Customer.register(api, "alice");
        for (String instance : Stack.get().instances().keySet()) {
            HttpResponse<String> me = new Api(Stack.get().instanceUrl(instance)).get("/api/v1/customers/me",
                    "Authorization", alice.bearer());
            assertThat(me.statusCode()).as("on %s", instance).isEqualTo(200);
            assertThat(Api.json(me).getString("id")).isEqualTo(alice.id());
            assertThat(me.body()).doesNotContain("password");
        }
    }

    @Test
    void registrationIsCaseInsensitiveAndChecksItsInput() {
        Customer bob = Customer.register(api, "bob");
        String upper = bob.email().toUpperCase();
        CatalogIT.assertProblem(api.postJson("/api/v1/customers", Customer.body(upper, Customer.PASSWORD)), 409, "email-taken");
        CatalogIT.assertProblem(api.postJson("/api/v1/customers", Customer.body("weak-" + bob.email(), "short1")),
                400, "weak-password");
        CatalogIT.assertProblem(api.postJson("/api/v1/customers", Customer.body("aaaa-" + bob.email(), "aaaaaaaaaaaaaaaa")),
                400, "weak-password");
        CatalogIT.assertProblem(api.postJson("/api/v1/customers", Customer.body("not-an-address", Customer.PASSWORD)),
                400, "validation-failed");
        CatalogIT.assertProblem(api.postJson("/api/v1/customers", "{\"email\":\"x@y.test\"}"), 400, "validation-failed");
        CatalogIT.assertProblem(api.postJson("/api/v1/customers", "{not json"), 400, "malformed-json");
    }

    @Test
    void badTokensAreRefusedWithProblemJson() throws Exception {
        Customer carol = Customer.register(api, "carol");
        String[] parts = carol.accessToken().split("\\.");
        String otherSubject = b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(carol.id(), "01a2203d-0000-7000-8000-000000000000"));
        PrivateKey stackKey = stackKey();
        PrivateKey foreignKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();

        List<String> refused = List.of(
                mint(stackKey, Stack.get().jwtIssuer(), carol.id(), Instant.now().minusSeconds(3600)), // expired
                mint(stackKey, "https://evil.example", carol.id(), Instant.now().plusSeconds(600)),   // wrong issuer
                mint(foreignKey, Stack.get().jwtIssuer(), carol.id(), Instant.now().plusSeconds(600)), // wrong key
                mint(stackKey, valid(carol).audience("another-service")),                             // another audience
                mint(stackKey, valid(carol).audience((String) null)),                                 // no audience
                mint(stackKey, valid(carol).issueTime(hence(3600)).notBeforeTime(hence(3600))
                        .expirationTime(hence(4500))),                                                 // issued an hour from now
                mint(stackKey, valid(carol).notBeforeTime(hence(3600))),                              // valid only in an hour
                mint(stackKey, valid(carol).issueTime(hence(-1200)).notBeforeTime(hence(-1200))
                        .expirationTime(hence(10L * 365 * 86400))),                                    // 20 min old, exp in 10 years
                parts[0] + "." + otherSubject + "." + parts[2],                                       // payload changed
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA", // signature changed
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",                    // alg none
                "not-a-jwt");
        for (String token : refused) {
            CatalogIT.assertProblem(api.get("/api/v1/customers/me", "Authorization", "Bearer " + token), 401, "unauthorized");
        }
        assertThat(api.get("/api/v1/customers/me", "Authorization", carol.bearer()).statusCode())
                .as("the untouched token still works").isEqualTo(200);
        assertThat(api.get("/api/v1/customers/me", "Authorization", "Bearer " + mint(stackKey, valid(carol))).statusCode())
                .as("a token minted like the stack's own").isEqualTo(200);
    }

    /**
     * Requests without credentials skip the authentication mechanism (docs/request-cost.md): installed on every
     * instance, and it changes no answer — a public route serves them, a protected one refuses them with 401
     * problem+json, and a bearer token or a bad one on the same route still goes through the mechanism.
     */
    @Test
    void requestsWithoutCredentialsSkipTheMechanismAndNothingElseChanges() {
        Customer frank = Customer.register(api, "frank");
        for (String instance : Stack.get().instances().keySet()) {
            assertThat(Stack.get().anyLogLine(instance, "requests without credentials skip the authentication mechanism"))
                    .as("installed on %s", instance).isTrue();
            Api direct = new Api(Stack.get().instanceUrl(instance));
            assertThat(direct.get("/api/v1/products?size=1").statusCode()).as("public route on %s", instance).isEqualTo(200);
            CatalogIT.assertProblem(direct.get("/api/v1/customers/me"), 401, "unauthorized");
            CatalogIT.assertProblem(direct.get("/api/v1/customers/me", "Authorization", "Bearer not-a-jwt"), 401, "unauthorized");
            CatalogIT.assertProblem(direct.get("/api/v1/customers/me", "Authorization", ""), 401, "unauthorized");
            HttpResponse<String> me = direct.get("/api/v1/customers/me", "Authorization", frank.bearer());
            assertThat(me.statusCode()).as("a bearer token on %s", instance).isEqualTo(200);
            assertThat(Api.json(me).getString("id")).isEqualTo(frank.id());
        }
    }

    @Test
    void rolesAndOwnershipAreEnforced() {
        Customer dave = Customer.register(api, "dave");
        Customer erin = Customer.register(api, "erin");

        CatalogIT.assertProblem(api.get("/api/v1/customers/" + erin.id(), "Authorization", dave.bearer()), 404, "not-found");
        CatalogIT.assertProblem(api.send("PUT", "/api/v1/customers/" + erin.id(), Customer.profile("Mallory"),
                "Authorization", dave.bearer()), 404, "not-found");
        CatalogIT.assertProblem(api.get("/api/v1/customers/" + erin.id()), 401, "unauthorized");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/products", "{}", "Authorization", dave.bearer()), 403, "forbidden");

        HttpResponse<String> own = api.send("PUT", "/api/v1/customers/" + dave.id(), Customer.profile("Dave Renamed"),
                "Authorization", dave.bearer());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(Api.json(own).getString("name")).isEqualTo("Dave Renamed");
        HttpResponse<String> byAdmin = api.get("/api/v1/customers/" + erin.id(), "Authorization", Stack.get().catalogAdmin());
        assertThat(byAdmin.statusCode()).as("an admin reads anyone").isEqualTo(200);
        assertThat(Api.json(api.get("/api/v1/customers/" + erin.id(), "Authorization", erin.bearer())).getString("name"))
                .isEqualTo("Erin");
    }

    @Test
    void administratorsCreatePartnerAccountsAndNobodyElseCan() {
        String email = "partner-" + Long.toString(System.nanoTime(), 36) + "@partners.test";
        String draft = "{\"email\":\"%s\",\"password\":\"%s\",\"roles\":[\"partner\"]}".formatted(email, Customer.PASSWORD);
        Customer judy = Customer.register(api, "judy");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/accounts", draft, "Authorization", judy.bearer()), 403, "forbidden");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/accounts", draft.replace("partner\"]", "customer\"]"),
                "Authorization", Stack.get().catalogAdmin()), 400, "validation-failed");

        HttpResponse<String> created = api.send("POST", "/api/v1/accounts", draft, "Authorization", Stack.get().catalogAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        CatalogIT.assertProblem(api.send("POST", "/api/v1/accounts", draft, "Authorization", Stack.get().catalogAdmin()),
                409, "email-taken");

        String token = Api.login(api, email, Customer.PASSWORD).getString("access_token");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(Api.json(payload).getJsonArray("groups").getString(0)).isEqualTo("partner");
        CatalogIT.assertProblem(api.get("/api/v1/customers/me", "Authorization", "Bearer " + token), 403, "forbidden");
    }

    /** Logout revokes the refresh token's family — that login and its rotations — and no other login's. */
    @Test
    void logoutRevokesTheRefreshTokensOfThatLoginOnly() {
        Customer paul = Customer.register(api, "paul");
        JsonObject otherDevice = Api.login(api, paul.email().toLowerCase(), Customer.PASSWORD);
        JsonObject rotated = refresh(paul.refreshToken(), 200);

        HttpResponse<String> logout = api.postJson("/api/v1/auth/logout",
                "{\"refresh_token\":\"" + rotated.getString("refresh_token") + "\"}");
        assertThat(logout.statusCode()).isEqualTo(204);

        refresh(rotated.getString("refresh_token"), 401);
        refresh(otherDevice.getString("refresh_token"), 200);
        assertThat(api.postJson("/api/v1/auth/logout", "{\"refresh_token\":\"no-such-token\"}").statusCode())
                .as("an unknown token: the same answer").isEqualTo(204);
    }

    /** The key set names the key that signs tokens now, so any verifier can check them. */
    @Test
    void theKeySetPublishesTheKeyTokensAreSignedWith() throws Exception {
        Customer quinn = Customer.register(api, "quinn");
        String kid = SignedJWT.parse(quinn.accessToken()).getHeader().getKeyID();
        HttpResponse<String> keySet = api.get("/api/v1/auth/jwks");
        assertThat(keySet.statusCode()).isEqualTo(200);
        assertThat(keySet.headers().firstValue("Content-Type")).hasValue("application/jwk-set+json");
        com.nimbusds.jose.jwk.JWK key = com.nimbusds.jose.jwk.JWKSet.parse(keySet.body()).getKeyByKeyId(kid);
        assertThat(key).as("key %s in the set", kid).isNotNull();
        assertThat(SignedJWT.parse(quinn.accessToken()).verify(
                new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAKey()))).isTrue();
        assertThat(SignedJWT.parse(quinn.accessToken()).getJWTClaimsSet().getAudience()).containsExactly("scaleshop-api");
    }

    @Test
    void refreshTokensRotateAndAReplayRevokesThem() {
        Customer frank = Customer.register(api, "frank");
        JsonObject first = refresh(frank.refreshToken(), 200);
        assertThat(first.getString("refresh_token")).isNotEqualTo(frank.refreshToken());
        assertThat(api.get("/api/v1/customers/me", "Authorization", "Bearer " + first.getString("access_token"))
                .statusCode()).isEqualTo(200);

        refresh(frank.refreshToken(), 401); // replayed: someone copied it
        refresh(first.getString("refresh_token"), 401); // and the whole family is revoked
    }

    /**
     * Expired refresh tokens are deleted by the purge round (hourly; one second for this test, set at run time):
     * an expired token goes, a live one of another login stays.
     */
    @Test
    void expiredRefreshTokensArePurgedAndLiveOnesKept() throws Exception {
        Customer expired = Customer.register(api, "expiring");
        Customer live = Customer.register(api, "living");
        try (java.sql.Connection db = Stack.get().primary();
             java.sql.PreparedStatement update = db.prepareStatement(
                     "UPDATE refresh_token SET expires_at = now() - interval '1 minute' WHERE account_id = ?::uuid")) {
            update.setString(1, expired.id());
            assertThat(update.executeUpdate()).as("the first login's refresh token").isEqualTo(1);
        }
        Stack.get().script("config", "scaleshop.identity.refresh-token.purge-seconds", "1");
        try {
            Await.until("the expired refresh token purged", 60, () -> refreshTokensOf(expired) == 0);
        } finally {
            Stack.get().script("config", "scaleshop.identity.refresh-token.purge-seconds", "3600");
        }
        assertThat(refreshTokensOf(live)).as("a live refresh token is kept").isEqualTo(1);
        refresh(live.refreshToken(), 200);
    }

    private static long refreshTokensOf(Customer customer) throws java.sql.SQLException {
        try (java.sql.Connection db = Stack.get().primary();
             java.sql.PreparedStatement count = db.prepareStatement("SELECT count(*) FROM refresh_token WHERE account_id = ?::uuid")) {
            count.setString(1, customer.id());
            try (java.sql.ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A hash made with the former PBKDF2 parameters (210,000 iterations) still verifies and is made stronger at login. */
    @Test
    void aPasswordHashWithFewerIterationsStillVerifiesAndIsRehashedAtLogin() throws Exception {
        Customer olga = Customer.register(api, "olga");
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(Customer.PASSWORD.toCharArray(), salt, 210_000, 256)).getEncoded();
        String former = "PBKDF2WithHmacSHA256:210000:" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(key);
        try (java.sql.Connection db = Stack.get().primary();
             java.sql.PreparedStatement update = db.prepareStatement("UPDATE account SET password_hash = ? WHERE id = ?::uuid")) {
            update.setString(1, former);
            update.setString(2, olga.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        Api.login(api, olga.email().toLowerCase(), Customer.PASSWORD);

        try (java.sql.Connection db = Stack.get().primary();
             java.sql.PreparedStatement select = db.prepareStatement("SELECT password_hash FROM account WHERE id = ?::uuid")) {
            select.setString(1, olga.id());
            java.sql.ResultSet row = select.executeQuery();
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("PBKDF2WithHmacSHA256:600000:");
        }
        Api.login(api, olga.email().toLowerCase(), Customer.PASSWORD);
    }

    /** Past five failures from one address, each further try from there waits twice as long as the last. */
    @Test
    void repeatedFailuresFromOneAddressWaitLongerEachTime() {
        Customer grace = Customer.register(api, "grace");
        for (int i = 0; i < 5; i++) {
            CatalogIT.assertProblem(api.postJson("/api/v1/auth/token", Customer.login(grace.email(), "wrong password 1")),
                    401, "invalid-credentials");
        }
        HttpResponse<String> waiting = api.postJson("/api/v1/auth/token", Customer.login(grace.email(), Customer.PASSWORD));
        CatalogIT.assertProblem(waiting, 429, "login-throttled");
        assertThat(waiting.headers().firstValue("Retry-After")).hasValue("1");
        Await.sleep(1100);
        CatalogIT.assertProblem(api.postJson("/api/v1/auth/token", Customer.login(grace.email(), "wrong password 1")),
                401, "invalid-credentials");
        HttpResponse<String> longer = api.postJson("/api/v1/auth/token", Customer.login(grace.email(), Customer.PASSWORD));
        CatalogIT.assertProblem(longer, 429, "login-throttled");
        assertThat(longer.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(api.get("/api/v1/customers/me", "Authorization", grace.bearer()).statusCode())
                .as("tokens issued before stay valid").isEqualTo(200);
    }

    /** A stranger's wrong passwords slow the stranger down, not the account's owner on another address. */
    @Test
    void aStrangerCannotLockSomeoneElsesAccount() {
        Customer heidi = Customer.register(api, "heidi");
        Api instance = Api.asLoadBalancer(Stack.get().instanceUrl("i1")); // as HAProxy sends it: X-Forwarded-For names the client
        String stranger = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        String owner = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        for (int i = 0; i < 8; i++) {
            assertThat(instance.send("POST", "/api/v1/auth/token", Customer.login(heidi.email(), "wrong password 1"),
                    "X-Forwarded-For", stranger).statusCode()).isIn(401, 429);
        }
        CatalogIT.assertProblem(instance.send("POST", "/api/v1/auth/token", Customer.login(heidi.email(), Customer.PASSWORD),
                "X-Forwarded-For", stranger), 429, "login-throttled");
        assertThat(instance.send("POST", "/api/v1/auth/token", Customer.login(heidi.email(), Customer.PASSWORD),
                "X-Forwarded-For", owner).statusCode()).as("the owner, on another address").isEqualTo(200);
    }

    /**
     * Guessing one account from many addresses (one try each) stops at the account's ceiling (100 failures):
     * then only addresses the account logged in from before may try — the owner's known address still logs in.
     */
    @Test
    void guessingFromManyAddressesStopsAtTheAccountCeilingButNotForAKnownAddress() {
        Customer ivan = Customer.register(api, "ivan");
        Api instance = Api.asLoadBalancer(Stack.get().instanceUrl("i2"));
        java.util.Random random = new java.util.Random();
        String home = "203.0.113." + (1 + random.nextInt(250));
        assertThat(instance.send("POST", "/api/v1/auth/token", Customer.login(ivan.email(), Customer.PASSWORD),
                "X-Forwarded-For", home).statusCode()).isEqualTo(200);
        int block = random.nextInt(200);
        for (int i = 0; i < 100; i++) {
            CatalogIT.assertProblem(instance.send("POST", "/api/v1/auth/token", Customer.login(ivan.email(), "wrong password 1"),
                    "X-Forwarded-For", "10." + block + "." + (i / 250) + "." + (1 + i % 250)), 401, "invalid-credentials");
        }
        CatalogIT.assertProblem(instance.send("POST", "/api/v1/auth/token", Customer.login(ivan.email(), Customer.PASSWORD),
                "X-Forwarded-For", "10." + block + ".9.9"), 429, "login-throttled");
        assertThat(instance.send("POST", "/api/v1/auth/token", Customer.login(ivan.email(), Customer.PASSWORD),
                "X-Forwarded-For", home).statusCode()).as("the owner's known address").isEqualTo(200);
    }

    /**
     * Guessing across many accounts from one client address: past 50 failures that address is refused,
     * even for a correct password; other clients behind the same load balancer are not. Sent straight to
     * an instance as HAProxy would (from its address, the one trusted proxy; X-Forwarded-For names the client).
     */
    @Test
    void oneClientAddressGuessingManyAccountsIsThrottledAlone() {
        Customer kim = Customer.register(api, "kim");
        Api instance = Api.asLoadBalancer(Stack.get().instanceUrl("i1"));
        String attacker = "198.51.100." + (1 + new java.util.Random().nextInt(250));
        String bystander = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        int refusedAfter = -1;
        for (int i = 0; i < 60 && refusedAfter < 0; i++) {
            HttpResponse<String> guess = instance.send("POST", "/api/v1/auth/token",
                    Customer.login("victim-" + i + "@example.test", "wrong password 1"), "X-Forwarded-For", attacker);
            if (guess.statusCode() == 429) {
                refusedAfter = i;
            } else {
                assertThat(guess.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refusedAfter).as("failures before the address is refused").isEqualTo(50);
        CatalogIT.assertProblem(instance.send("POST", "/api/v1/auth/token", Customer.login(kim.email(), Customer.PASSWORD),
                "X-Forwarded-For", attacker), 429, "login-throttled");
        assertThat(instance.send("POST", "/api/v1/auth/token", Customer.login(kim.email(), Customer.PASSWORD),
                "X-Forwarded-For", bystander).statusCode()).as("another client address").isEqualTo(200);
    }

    private JsonObject refresh(String refreshToken, int status) {
        HttpResponse<String> response = api.postJson("/api/v1/auth/token",
                "{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refreshToken + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return status == 200 ? Api.json(response) : null;
    }

    /** A token like the stack's own (audience, key id, iat = nbf = 15 minutes before expiry), but for what is passed. */
    private static String mint(PrivateKey key, String issuer, String subject, Instant expires) throws Exception {
        Instant issued = expires.minusSeconds(900);
        return mint(key, new JWTClaimsSet.Builder().issuer(issuer).audience("scaleshop-api").subject(subject)
                .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires)));
    }

    private static String mint(PrivateKey key, JWTClaimsSet.Builder claims) throws Exception {
        claims.claim("upn", "x@y.test").claim("groups", List.of("customer", "admin")).jwtID(java.util.UUID.randomUUID().toString());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(Stack.get().jwtKeyId()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** Claims of a valid token for {@code customer} issued now. */
    private static JWTClaimsSet.Builder valid(Customer customer) {
        return new JWTClaimsSet.Builder().issuer(Stack.get().jwtIssuer()).audience("scaleshop-api").subject(customer.id())
                .issueTime(hence(0)).notBeforeTime(hence(0)).expirationTime(hence(900));
    }

    private static Date hence(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static PrivateKey stackKey() throws Exception {
        String pem = java.nio.file.Files.readString(Stack.get().jwtPrivateKey())
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A freshly registered customer, logged in. */
    record Customer(String id, String email, String accessToken, String refreshToken) {

        static final String PASSWORD = "Correct horse battery 9";

        static Customer register(Api api, String name) {
            String email = name + "-" + Long.toString(System.nanoTime(), 36) + "@Example.test";
            HttpResponse<String> created = api.postJson("/api/v1/customers", body(email, PASSWORD).replace("\"Name\"",
                    "\"" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "\""));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = Api.json(created).getString("id");
            assertThat(created.headers().firstValue("Location")).get().asString().endsWith("/api/v1/customers/" + id);
            JsonObject tokens = Api.login(api, email.toLowerCase(), PASSWORD);
            assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
            return new Customer(id, email, tokens.getString("access_token"), tokens.getString("refresh_token"));
        }

        String bearer() {
            return "Bearer " + accessToken;
        }

        static String body(String email, String password) {
            return """
                    {"email":"%s","password":"%s","name":"Name",
                     "address":{"line1":"1 Main St","city":"Springfield","postalCode":"12345","country":"US"}}"""
                    .formatted(email, password);
        }

        static String profile(String name) {
            return """
                    {"name":"%s","address":{"line1":"2 Side St","city":"Shelbyville","postalCode":"54321","country":"US"}}"""
                    .formatted(name);
        }

        static String login(String email, String password) {
            return "{\"grant_type\":\"password\",\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password);
        }
    }
}
