package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Rate limits through HAProxy and on each instance: one client's bucket is shared by the cluster, a
 * client cannot choose its bucket with X-Forwarded-For, refusals are 429 problem+json with Retry-After,
 * and every limited answer carries RateLimit-Policy and RateLimit as the IETF draft spells them.
 */
class RateLimitIT {

    /** Structured-field items of draft-ietf-httpapi-ratelimit-headers: "name";q=..;w=.. and "name";r=..;t=.. */
    private static final Pattern POLICY = Pattern.compile("^\"([a-z][a-z0-9-]*)\";q=(\\d+);w=(\\d+)$");
    private static final Pattern LIMIT = Pattern.compile("^\"([a-z][a-z0-9-]*)\";r=(\\d+);t=(\\d+)$");

    /** Login attempts of one client address, alternating between the instances, draw from one bucket. */
    @Test
    void oneClientHasOneBucketAcrossTheCluster() {
        String client = "192.0.2." + (1 + new Random().nextInt(250));
        List<Api> instances = Stack.get().instances().keySet().stream().map(i -> Api.asLoadBalancer(Stack.get().instanceUrl(i))).toList();
        int admitted = 0;
        List<HttpResponse<String>> refused = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 80; i++) { // an empty body: admitted attempts answer 400 at once, no password hashing
            HttpResponse<String> response = instances.get(i % instances.size())
                    .send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", client);
            if (response.statusCode() == 429) {
                refused.add(response);
            } else {
                assertThat(response.statusCode()).isEqualTo(400);
                admitted++;
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000 + 1;
        assertThat(admitted).as("admitted of 80 over both instances (quota 60, 1 token/s refill, %d s)", seconds)
                .isBetween(60, 60 + (int) seconds);

        HttpResponse<String> refusal = refused.get(0);
        CatalogIT.assertProblem(refusal, 429, "rate-limited");
        assertThat(refusal.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
        assertThat(refusal.headers().firstValue("RateLimit-Policy")).hasValue("\"login\";q=60;w=60");
        Matcher limit = LIMIT.matcher(refusal.headers().firstValue("RateLimit").orElseThrow());
        assertThat(limit.matches()).isTrue();
        assertThat(limit.group(2)).isEqualTo("0");
    }

    /** HAProxy replaces a client's X-Forwarded-For: a spoofed address still draws from the caller's bucket. */
    @Test
    void aSpoofedForwardedForDoesNotChangeTheBucket() {
        Api client = Api.throughHaproxy();
        long first = remaining(client.send("POST", "/api/v1/auth/token", "{}"));
        client.send("POST", "/api/v1/auth/token", "{}");
        client.send("POST", "/api/v1/auth/token", "{}");
        long spoofed = remaining(client.send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", "198.51.100.77"));

        assertThat(spoofed).as("the same bucket, three tokens later (one may have refilled)").isLessThanOrEqualTo(first - 2);
    }

    /** An administrator tightens a policy at run time: both instances apply it at once, existing buckets too. */
    @Test
    void aPolicyChangedAtRunTimeAppliesOnEveryInstance() {
        String admin = Stack.get().catalogAdmin();
        IdentityIT.Customer mia = IdentityIT.Customer.register(Api.throughHaproxy(), "mia"); // before login tightens
        Api api = Api.throughHaproxy();
        String client = "192.0.2." + (1 + new Random().nextInt(250));
        List<Api> instances = Stack.get().instances().keySet().stream().map(i -> Api.asLoadBalancer(Stack.get().instanceUrl(i))).toList();
        assertThat(instances.get(0).send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", client).statusCode())
                .as("the client's bucket exists before the change").isEqualTo(400);
        try {
            HttpResponse<String> changed = api.send("PUT", "/api/v1/admin/rate-limits/login",
                    "{\"quota\":5,\"windowSeconds\":3600}", "Authorization", admin);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(Api.json(changed).getInt("quota")).isEqualTo(5);
            awaitPolicy(instances, "POST", "/api/v1/auth/token", "{}", "\"login\";q=5;w=3600");

            int admitted = 0;
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> response = instances.get(i % instances.size())
                        .send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", client);
                assertThat(response.headers().firstValue("RateLimit-Policy")).hasValue("\"login\";q=5;w=3600");
                admitted += response.statusCode() == 429 ? 0 : 1;
            }
            assertThat(admitted).as("the old bucket now holds at most the new quota").isBetween(4, 5);

            CatalogIT.assertProblem(api.send("PUT", "/api/v1/admin/rate-limits/login", "{\"quota\":1,\"windowSeconds\":1}",
                    "Authorization", mia.bearer()), 403, "forbidden");
            CatalogIT.assertProblem(api.send("PUT", "/api/v1/admin/rate-limits/no-such", "{\"quota\":1,\"windowSeconds\":1}",
                    "Authorization", admin), 404, "not-found");
            CatalogIT.assertProblem(api.send("PUT", "/api/v1/admin/rate-limits/login", "{\"quota\":0,\"windowSeconds\":1}",
                    "Authorization", admin), 400, "validation-failed");
        } finally {
            assertThat(api.send("DELETE", "/api/v1/admin/rate-limits/login", null, "Authorization", admin).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> after = instances.get(1 % instances.size())
                .send("POST", "/api/v1/auth/token", "{}", "X-Forwarded-For", "192.0.2.251");
        assertThat(after.headers().firstValue("RateLimit-Policy")).as("back to the configured policy").hasValue("\"login\";q=60;w=60");
    }

    @Test
    void everyLimitedAnswerAnnouncesItsPolicyAndHealthIsNotLimited() {
        HttpResponse<String> anonymous = Api.throughHaproxy().getFromOrigin("/api/v1/products/SKU-000001");
        assertThat(policy(anonymous)).isEqualTo("anonymous");

        IdentityIT.Customer lena = IdentityIT.Customer.register(Api.throughHaproxy(), "lena");
        HttpResponse<String> customer = Api.throughHaproxy().get("/api/v1/customers/me", "Authorization", lena.bearer());
        assertThat(customer.statusCode()).isEqualTo(200);
        assertThat(policy(customer)).as("the tier of the token's plan claim").isEqualTo("free");

        HttpResponse<String> health = new Api(Stack.get().instanceUrl("i1")).get("/health/ready");
        assertThat(health.headers().firstValue("RateLimit")).isEmpty();
    }

    /**
     * A route's policy is chosen from the path as JAX-RS resolves it: a trailing slash and matrix parameters
     * reach the same resource and meet the same policy (each used to be charged to the anonymous
     * policy instead). Spellings JAX-RS does not resolve to the resource ({@code //}, {@code %74oken}, dot segments) answer 404
     * and meet the route's policy too (RoutePathTest).
     */
    @Test
    void aRoutePolicyHoldsForEverySpellingOfItsPath() {
        Api instance = Api.asLoadBalancer(Stack.get().instanceUrl("i1"));
        String client = "198.18.0." + (1 + new Random().nextInt(250));
        for (String login : List.of("/api/v1/auth/token", "/api/v1/auth/token/", "/api/v1/auth/token;x=1",
                "/api/v1/customers/",
                "/api/v1/customers;x=1")) {
            HttpResponse<String> response = instance.send("POST", login, "{}", "X-Forwarded-For", client);
            assertThat(response.statusCode()).as(login + " reaches its resource (or is refused by its policy)").isIn(400, 429);
            assertThat(policy(response)).as(login).isEqualTo("login");
        }
        for (String jobs : List.of("/api/v1/jobs;x=1/echo", "/api/v1/jobs/echo/", "/api/v1/jobs/echo;x=1")) {
            HttpResponse<String> response = instance.send("POST", jobs, "{\"message\":\"variant\"}", "X-Forwarded-For", client);
            assertThat(response.statusCode()).as(jobs + " reaches its resource (or is refused by its policy)").isIn(202, 429);
            assertThat(policy(response)).as(jobs).isEqualTo("jobs");
        }
    }

    /**
     * Without the test run's lift, the stack limits as production would: anonymous callers 1,200 a minute per
     * address, job submissions 5 a second, the edge at 800 requests per 10 s (before: a million a minute, and
     * no edge ceiling to speak of). The suite's lift is put back afterwards.
     */
    @Test
    void theConfiguredLimitsAreProductionValues() {
        Stack.get().script("limits", "configured");
        try {
            List<Api> instances = Stack.get().instances().keySet().stream().map(i -> new Api(Stack.get().instanceUrl(i))).toList();
            awaitPolicy(instances, "GET", "/api/v1/products/SKU-000001", null, "\"anonymous\";q=1200;w=60");
            awaitPolicy(instances, "POST", "/api/v1/jobs/echo", "{\"message\":\"limits\"}", "\"jobs\";q=5;w=1");
            FromAddress flooder = new FromAddress("127.0.0.7", Stack.get().baseUrl());
            int admitted = 0;
            FromAddress.Answer answer = null;
            for (int i = 0; i < 900 && (answer == null || answer.status() != 429); i++) {
                answer = flooder.get("/api/v1/products/SKU-000001");
                admitted += answer.status() == 200 ? 1 : 0;
            }
            assertThat(answer.header("RateLimit-Policy")).as("the first refusal").isEqualTo("\"edge\";q=800;w=10");
            assertThat(admitted).as("admitted before the edge refused").isBetween(800, 801);
        } finally {
            Stack.get().script("limits", "raised");
        }
    }

    /** A change reaches the other instances through a grid listener: within milliseconds, not at once. */
    static void awaitPolicy(List<Api> instances, String method, String path, String body, String announced,
                            String... headers) {
        for (Api instance : instances) {
            Await.until("policy " + announced + " on every instance", 10, () -> {
                String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
                all[headers.length] = "X-Forwarded-For";
                all[headers.length + 1] = "203.0.113." + (1 + new Random().nextInt(250));
                return instance.send(method, path, body, all).headers().firstValue("RateLimit-Policy").orElse("").equals(announced);
            });
        }
    }

    private static String policy(HttpResponse<String> response) {
        Matcher policy = POLICY.matcher(response.headers().firstValue("RateLimit-Policy").orElseThrow());
        Matcher limit = LIMIT.matcher(response.headers().firstValue("RateLimit").orElseThrow());
        assertThat(policy.matches()).as(policy.toString()).isTrue();
        assertThat(limit.matches()).as(limit.toString()).isTrue();
        assertThat(limit.group(1)).isEqualTo(policy.group(1));
        assertThat(Long.parseLong(limit.group(2))).isLessThanOrEqualTo(Long.parseLong(policy.group(2)));
        return policy.group(1);
    }

    /** What is left in the login bucket that answered (RateLimit header, RFC draft). */
    static long remaining(HttpResponse<String> response) {
        Matcher limit = LIMIT.matcher(response.headers().firstValue("RateLimit").orElseThrow());
        assertThat(limit.matches()).isTrue();
        assertThat(limit.group(1)).isEqualTo("login");
        return Long.parseLong(limit.group(2));
    }
}
