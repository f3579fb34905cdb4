package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The fuzzing tier (issue 17): requests generated from the OpenAPI contract (every operation: its path, query
 * and body parameters with values of the declared type and of every other — wrong types, boundary numbers, huge
 * and odd unicode strings, injection strings, malformed and deeply nested JSON, odd content types, forged and
 * garbled credentials, path variants) and from the WSDL (envelopes of every operation with fuzzed content, and
 * malformed ones: truncated, DTDs, wrong namespaces, deep nesting, a wrong SOAPAction), sent through HAProxy as
 * an anonymous client, a registered customer and a partner, from a loopback address of its own. jqwik's
 * generators make them from one seed, printed at the start: {@code -Dscaleshop.fuzz.seed=<seed>} replays a run
 * request for request. Request heads stay within HAProxy 2.6's buffer (see {@link #withinRequestLine}).
 *
 * <p>Passes when no REST answer is 5xx, every REST answer ≥ 400 is problem+json whose {@code status} is the
 * answer's, every SOAP answer ≥ 400 is a SOAP fault and a 500 only a client fault (WS-I Basic Profile R1126),
 * both instances are still ready, and no instance logged a SEVERE line meanwhile. Administrators' operations
 * are fuzzed without an administrator's token (they answer 401/403): with one, the fuzzer would move buckets,
 * change policies and delete products under the rest of the suite.
 */
class ApiFuzzIT {

    private static final Path CONTRACT = Path.of("..", "web-module", "src", "main", "resources", "META-INF", "openapi.yaml");
    private static final Path WSDL = Path.of("..", "web-module", "src", "main", "webapp", "WEB-INF", "wsdl", "partner-v1.wsdl");
    private static final Path XSD = WSDL.resolveSibling("partner-v1.xsd");
    private static final String SOAP_PATH = "/soap/partner/v1";
    private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String PARTNER_NS = "https://scaleshop.dev/partner/v1";
    private static final String PASSWORD = "Fuzz-Partner-Passw0rd";
    private static final long SEED = Long.getLong("scaleshop.fuzz.seed", 20_261_207L);
    private static final int REQUESTS = Integer.getInteger("scaleshop.fuzz.requests", 10_000);
    private static final int SOAP_SHARE_PERCENT = 10;
    private static final int MAX_TARGET = 8_000;
    /**
     * The fuzzer's own client address: its hundreds of failed logins close the login throttle's per-address
     * window for that address (50 failures), which must not be the address every other test logs in from.
     */
    private static final String SOURCE = "127.0.0.66";

    /** One generated request. */
    record Fuzzed(String method, String path, Map<String, String> headers, byte[] body, boolean soap) {

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
            StringBuilder named = new StringBuilder();
            headers.forEach((name, value) -> named.append(name).append(": ")
                    .append(value.length() > 120 ? value.substring(0, 120) + "…" : value).append(" | "));
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "…" : path) + " [" + named + "]"
                    + (body == null ? "" : " body(" + body.length + " bytes): " + text.replaceAll("\\s+", " "));
        }
    }

    @Example // a jqwik test: its generators run only on jqwik's threads
    void generatedRequestsGetNoServerErrorAndEveryErrorIsAProblem() throws Exception {
        System.out.println("ApiFuzzIT: seed " + SEED + ", " + REQUESTS + " requests (replay: -Dscaleshop.fuzz.seed=" + SEED + ")");
        Stack stack = Stack.get();
        Api api = Api.throughHaproxy();
        String customer = IdentityIT.Customer.register(api, "fuzz").bearer();
        String partner = createPartner(api);
        Map<String, Set<String>> severeBefore = severeLines(stack);

        List<Operation> operations = Operation.fromContract(CONTRACT);
        Map<String, RandomGenerator<Fuzzed>> rest = new TreeMap<>();
        operations.forEach(op -> rest.put(op.key(), restRequests(op, customer).generator(100)));
        RandomGenerator<Fuzzed> soap = soapRequests(partner).generator(100);
        List<String> keys = List.copyOf(rest.keySet());

        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> operationsSent = new HashSet<>();
        for (int i = 0; i < REQUESTS; i++) {
            boolean viaSoap = random.nextInt(100) < SOAP_SHARE_PERCENT;
            String key = viaSoap ? "soap" : keys.get(random.nextInt(keys.size()));
            Fuzzed request = (viaSoap ? soap : rest.get(key)).next(random).value();
            operationsSent.add(key);
            String wrong;
            String answer;
            try {
                RawHttp.Answer response = send(stack.baseUrl(), request);
                statuses.merge(response.status(), 1, Integer::sum);
                wrong = request.soap() ? wrongSoapAnswer(response) : wrongRestAnswer(response);
                answer = abbreviated(response.body());
            } catch (java.io.IOException e) { // the connection closed without an answer
                statuses.merge(0, 1, Integer::sum);
                wrong = "no answer: " + e;
                answer = "";
            }
            if (wrong != null && failures.size() < 25) {
                failures.add("#" + i + " " + key + ": " + wrong + "\n    request: " + request.describe() + "\n    answer: " + answer);
            } else if (wrong != null) {
                failures.add("#" + i);
            }
        }
        System.out.println("ApiFuzzIT: answers by status (0: none) " + statuses);

        assertThat(operationsSent).as("every operation of the contract, and the SOAP service, was fuzzed")
                .containsAll(keys).contains("soap");
        assertThat(failures).as("wrong answers (seed " + SEED + "), first 25 in full").isEmpty();
        for (String instance : stack.instances().keySet()) {
            HttpResponse<String> ready = new Api(stack.instanceUrl(instance)).get("/health/ready");
            assertThat(ready.statusCode()).as(instance + " still ready: " + ready.body()).isEqualTo(200);
        }
        Map<String, Set<String>> severeAfter = severeLines(stack);
        severeAfter.forEach((instance, lines) -> {
            lines.removeAll(severeBefore.getOrDefault(instance, Set.of()));
            // the transaction manager giving up, minutes later, on the commit of a job submission an earlier broker
            // kill left in doubt (JTS5032, after 10 retries) is that test's, not the fuzzing's (seen in CI)
            lines.removeIf(line -> line.contains("[javax.enterprise.system.core.transaction.com.sun.jts.CosTransactions]"));
            assertThat(lines).as("SEVERE lines " + instance + " logged during the run").isEmpty();
        });
    }

    /**
     * Over a raw socket from {@link #SOURCE}, the body written while the answer is read: a server may answer a
     * request before reading its body (a DELETE ignores one, a refusal needs none), and a client that writes its
     * whole body first (java.net.http) would then see the connection closed instead of the answer.
     */
    private static RawHttp.Answer send(String baseUrl, Fuzzed request) throws Exception {
        return RawHttp.send(SOURCE, baseUrl, request.method(), request.path(), request.headers(),
                request.body() == null ? new byte[0] : request.body());
    }

    /** Null if the REST answer is what the contract promises a client, else what is wrong with it. */
    static String wrongRestAnswer(RawHttp.Answer response) {
        int status = response.status();
        if (status >= 500) {
            return "server error " + status;
        }
        if (status < 400) {
            return null;
        }
        String type = response.contentType();
        if (!type.startsWith("application/problem+json")) {
            return status + " with Content-Type '" + type + "', not problem+json";
        }
        try {
            int said = Api.json(response.body()).getInt("status");
            return said == status ? null : status + " whose problem says status " + said;
        } catch (RuntimeException e) {
            return status + " whose body is not a problem document: " + e;
        }
    }

    /** Null if the SOAP answer is a success or a SOAP fault (500 only for a client fault), else what is wrong. */
    static String wrongSoapAnswer(RawHttp.Answer response) {
        int status = response.status();
        if (status < 400) {
            return null;
        }
        String body = response.body();
        if (!body.contains("<faultcode>")) {
            return status + " that is not a SOAP fault";
        }
        if (status >= 500 && !Pattern.compile("<faultcode>\\w+:Client</faultcode>").matcher(body).find()) {
            return status + " server fault";
        }
        return null;
    }

    private static String abbreviated(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 400 ? flat.substring(0, 400) + "…" : flat;
    }

    private static Map<String, Set<String>> severeLines(Stack stack) {
        Map<String, Set<String>> lines = new TreeMap<>();
        stack.instances().keySet().forEach(instance -> lines.put(instance, new HashSet<>(stack.logLines(instance, "[SEVERE]"))));
        return lines;
    }

    private static String createPartner(Api api) {
        String email = "fuzz-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.test";
        HttpResponse<String> created = api.send("POST", "/api/v1/accounts",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"partner\"]}",
                "Authorization", Stack.get().catalogAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return email;
    }

    // ---------------------------------------------------------------- the contract's operations

    /** An operation of the OpenAPI contract with what a request to it is made of (references resolved). */
    record Operation(String method, String template, List<Map<String, Object>> parameters, Map<String, Object> bodySchema,
                     Map<String, Object> components) {

        String key() {
            return method.toUpperCase() + " " + template;
        }

        @SuppressWarnings("unchecked")
        static List<Operation> fromContract(Path contract) throws Exception {
            Map<String, Object> document;
            try (InputStream in = Files.newInputStream(contract)) {
                document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            }
            Map<String, Object> components = (Map<String, Object>) document.get("components");
            List<Operation> operations = new ArrayList<>();
            ((Map<String, Map<String, Object>>) document.get("paths")).forEach((template, item) -> {
                List<Map<String, Object>> shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
                item.forEach((method, value) -> {
                    if ("parameters".equals(method)) {
                        return;
                    }
                    Map<String, Object> operation = (Map<String, Object>) value;
                    List<Map<String, Object>> parameters = new ArrayList<>();
                    for (Map<String, Object> p : shared) {
                        parameters.add(resolve(p, components));
                    }
                    for (Map<String, Object> p : (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())) {
                        parameters.add(resolve(p, components));
                    }
                    Map<String, Object> body = null;
                    Map<String, Object> requestBody = (Map<String, Object>) operation.get("requestBody");
                    if (requestBody != null) {
                        Map<String, Object> content = (Map<String, Object>) resolve(requestBody, components).get("content");
                        Map<String, Object> json = content == null ? null : (Map<String, Object>) content.get("application/json");
                        body = json == null ? Map.of("type", "string") : resolve((Map<String, Object>) json.get("schema"), components);
                    }
                    operations.add(new Operation(method, template, parameters, body, components));
                });
            });
            return operations;
        }

        /** Follows a {@code $ref} of the document ("#/components/schemas/X"), once per level. */
        @SuppressWarnings("unchecked")
        static Map<String, Object> resolve(Map<String, Object> node, Map<String, Object> components) {
            if (node == null || !node.containsKey("$ref")) {
                return node;
            }
            String[] parts = ((String) node.get("$ref")).replaceFirst("^#/components/", "").split("/");
            Object target = components;
            for (String part : parts) {
                target = ((Map<String, Object>) target).get(part);
            }
            return resolve((Map<String, Object>) target, components);
        }
    }

    // ---------------------------------------------------------------- REST requests

    private static Arbitrary<Fuzzed> restRequests(Operation op, String customerBearer) {
        Arbitrary<String> path = pathOf(op);
        Arbitrary<String> query = queryOf(op);
        Arbitrary<Map<String, String>> headers = headers(customerBearer, op.bodySchema() != null);
        Arbitrary<byte[]> body = op.bodySchema() == null
                ? Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just((byte[]) null)), Tuple.of(1, jsonBytes(Map.of(), op.components())))
                : jsonBytes(op.bodySchema(), op.components());
        // now and then a method the path does not serve (405); never HEAD, whose answers carry no body to check
        Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(25, Arbitraries.just(op.method().toUpperCase())),
                Tuple.of(1, Arbitraries.of("PATCH", "OPTIONS", "PUT", "DELETE", "POST", "TRACE")));
        return net.jqwik.api.Combinators.combine(method, path, query, headers, body)
                .as((m, p, q, h, b) -> new Fuzzed(m, withinRequestLine(p + q), h, b, false));
    }

    /** The template with each {@code {param}} filled, sometimes with a path variant appended. */
    private static Arbitrary<String> pathOf(Operation op) {
        Matcher names = Pattern.compile("\\{(\\w+)}").matcher(op.template());
        List<String> params = new ArrayList<>();
        while (names.find()) {
            params.add(names.group(1));
        }
        Arbitrary<List<String>> values = combineAll(params.stream().map(name -> pathValue(schemaOfParameter(op, name))).toList());
        Arbitrary<String> variant = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("")), Tuple.of(1, Arbitraries.of("/",
                ";x=1", "//", "/..", "/.;/", "%2F", "?", "/%2e%2e/", "%00", "/%25ZZ", "/%C0%AF", "/ä")));
        return net.jqwik.api.Combinators.combine(values, variant).as((vs, v) -> {
            String path = op.template();
            for (int i = 0; i < params.size(); i++) {
                path = path.replace("{" + params.get(i) + "}", vs.get(i));
            }
            return path + v;
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schemaOfParameter(Operation op, String name) {
        return op.parameters().stream().filter(p -> name.equals(p.get("name"))).findFirst()
                .map(p -> Operation.resolve((Map<String, Object>) p.getOrDefault("schema", Map.of()), op.components()))
                .orElse(Map.of("type", "string"));
    }

    private static Arbitrary<String> pathValue(Map<String, Object> schema) {
        Arbitrary<String> typed = "uuid".equals(schema.get("format"))
                ? uuids()
                : Arbitraries.of("SKU-000001", "SKU-000121", "electronics", "1", "small", "login", "anonymous");
        return Arbitraries.frequencyOf(Tuple.of(4, typed), Tuple.of(6, fuzzString(200).map(ApiFuzzIT::encodePath)));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<String> queryOf(Operation op) {
        List<Arbitrary<String>> pairs = new ArrayList<>();
        for (Map<String, Object> p : op.parameters()) {
            if (!"query".equals(p.get("in"))) {
                continue;
            }
            String name = (String) p.get("name");
            Map<String, Object> schema = Operation.resolve((Map<String, Object>) p.getOrDefault("schema", Map.of()), op.components());
            Arbitrary<String> value = Arbitraries.oneOf(scalar(schema).map(v -> v instanceof RawJson raw ? raw.text() : String.valueOf(v)),
                    fuzzString(300));
            pairs.add(Arbitraries.frequencyOf(Tuple.of(3, value.map(v -> "&" + name + "=" + encodeQuery(v))),
                    Tuple.of(1, Arbitraries.just("")), Tuple.of(1, value.map(v -> "&" + name + "=" + encodeQuery(v)
                            + "&" + name + "=" + encodeQuery(v)))));
        }
        pairs.add(Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just("")),
                Tuple.of(1, fuzzString(40).map(v -> "&" + encodeQuery(v) + "=" + encodeQuery(v)))));
        Arbitrary<String> all = pairs.get(0);
        for (int i = 1; i < pairs.size(); i++) {
            all = net.jqwik.api.Combinators.combine(all, pairs.get(i)).as(String::concat);
        }
        return all.map(q -> q.isEmpty() ? "" : "?" + q.substring(1));
    }

    private static Arbitrary<Map<String, String>> headers(String customerBearer, boolean hasBody) {
        Arbitrary<String> authorization = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(4, Arbitraries.just(customerBearer)),
                Tuple.of(1, Arbitraries.of("Bearer ", "Bearer x.y.z", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.",
                        "Basic Zm9vOmJhcg==", "Basic %%%", "Negotiate abc", "bearer " + customerBearer.substring(7).toUpperCase(),
                        customerBearer + "x", customerBearer.substring(0, customerBearer.length() - 5))),
                Tuple.of(1, headerText(2000).map(v -> "Bearer " + v)));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("application/json")),
                Tuple.of(2, Arbitraries.of("text/plain", "application/xml", "application/json; charset=utf-16",
                        "application/json; charset=nope", "multipart/form-data; boundary=x", "*/*", ";;;", "application/")),
                Tuple.of(1, headerText(100)));
        Arbitrary<String> accept = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("application/xml", "text/html", "*/*;q=x", "application/problem+json", "image/png")),
                Tuple.of(1, headerText(200)));
        Arbitrary<String> idempotencyKey = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")),
                Tuple.of(2, uuids()), Tuple.of(1, headerText(300)));
        Arbitrary<String> requestId = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(1, headerText(400)));
        Arbitrary<String> ifNoneMatch = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("*", "\"x\"", "W/\"\"", "\"", "garbage")));
        return net.jqwik.api.Combinators.combine(authorization, contentType, accept, idempotencyKey, requestId, ifNoneMatch)
                .as((auth, type, acc, key, id, inm) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    put(headers, "Authorization", auth);
                    if (hasBody) {
                        put(headers, "Content-Type", type);
                    }
                    put(headers, "Accept", acc);
                    put(headers, "Idempotency-Key", key);
                    put(headers, "X-Request-Id", id);
                    put(headers, "If-None-Match", inm);
                    return headers;
                });
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (!value.isEmpty()) {
            headers.put(name, value);
        }
    }

    // ---------------------------------------------------------------- values

    /** Strings a careless server trips over: unicode of every plane, control characters, injections, huge ones. */
    static Arbitrary<String> fuzzString(int maxLength) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(maxLength)),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(maxLength)),
                Tuple.of(2, Arbitraries.of("", " ", "null", "undefined", "0", "-1", "NaN", "Infinity", "1e309", "-0",
                        "9223372036854775808", "../../../../etc/passwd", "..%2F..%2Fetc", "' OR '1'='1", "\"; DROP TABLE product; --",
                        "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "#{7*7}", "%s%n%x", "\u0000", "\uFEFF",
                        "\uD83D\uDE00", "\uD800", "e\u0301", "\u202Eevil", "ＳＫＵ－０００００１", "sku\r\nX-Injected: 1",
                        "a".repeat(10_000), "𝔘𝔫𝔦𝔠𝔬𝔡𝔢".repeat(200))));
    }

    /** UUIDs from the run's random source (replayable, unlike {@link UUID#randomUUID()}). */
    private static Arbitrary<String> uuids() {
        return Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString());
    }

    /** Visible ASCII only: what an HTTP header may carry (the client refuses the rest before sending). */
    private static Arbitrary<String> headerText(int maxLength) {
        return Arbitraries.strings().withCharRange('!', '~').withChars(' ').ofMinLength(1).ofMaxLength(maxLength);
    }

    private static Arbitrary<Object> number() {
        return Arbitraries.oneOf(
                Arbitraries.<Object>of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                        Double.MAX_VALUE, -Double.MIN_VALUE, 0.1, 1e-12, 123456789012345678901234567890.0),
                Arbitraries.integers().between(-1000, 100_000).map(i -> (Object) i),
                Arbitraries.of("1e400", "-1e400", "1.000000000000000000000000000001", "0x10", "01", "1_000", "+1", ".5")
                        .map(text -> (Object) new RawJson(text)));
    }

    /** A JSON number text that is valid JSON but no Java number holds exactly (or not valid, for the lexer). */
    record RawJson(String text) {
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> scalar(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (schema.containsKey("enum")) {
            return Arbitraries.oneOf(Arbitraries.of(((List<Object>) schema.get("enum")).toArray()), Arbitraries.strings()
                    .alpha().ofMaxLength(12).map(s -> (Object) s));
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return number();
        }
        if ("boolean".equals(type)) {
            return Arbitraries.of(true, false).map(b -> (Object) b);
        }
        if ("uuid".equals(schema.get("format"))) {
            return uuids().map(u -> (Object) u);
        }
        return fuzzString(200).map(s -> (Object) s);
    }

    /** A JSON value for the schema: mostly of its shape, often of another, sometimes no JSON at all. */
    private static Arbitrary<byte[]> jsonBytes(Map<String, Object> schema, Map<String, Object> components) {
        Arbitrary<String> shaped = jsonValue(schema, components, 0).map(ApiFuzzIT::render);
        Arbitrary<String> malformed = Arbitraries.oneOf(
                shaped.map(text -> text.isEmpty() ? "{" : text.substring(0, text.length() / 2)),
                Arbitraries.of("", "{", "}", "[", "nul", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "[1,2", "\"\\u12\"",
                        "{\"a\":\"\\ud800\"}", "{\"a\":1}{\"b\":2}", "\u0000", "\uFEFF{}", "true", "1", "\"x\""),
                Arbitraries.integers().between(2, 3_000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(2, 3_000).map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)),
                Arbitraries.strings().all().ofMaxLength(500));
        Arbitrary<byte[]> text = Arbitraries.frequencyOf(Tuple.of(6, shaped), Tuple.of(3, malformed))
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                // large, within the 1 MiB limit: beyond it HAProxy answers 413 while this client (java.net.http) still
                // writes, and it sees the connection closed, not the answer — RequestBodyLimitIT sends those
                Arbitraries.integers().between(200_000, 1_000_000).map(size -> {
                    byte[] big = new byte[size];
                    java.util.Arrays.fill(big, (byte) 'a');
                    big[0] = '"';
                    big[size - 1] = '"';
                    return big;
                }));
        return Arbitraries.frequencyOf(Tuple.of(12, text), Tuple.of(1, bytes));
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<Object> jsonValue(Map<String, Object> raw, Map<String, Object> components, int depth) {
        Map<String, Object> schema = Operation.resolve(raw, components);
        Arbitrary<Object> other = depth > 3 ? scalarOfAnyType() : Arbitraries.lazy(() -> anyJson(depth + 1));
        Object type = schema.get("type");
        Arbitrary<Object> shaped;
        if ("object".equals(type) || schema.containsKey("properties")) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            List<Arbitrary<Object>> fields = new ArrayList<>();
            List<String> names = List.copyOf(properties.keySet());
            for (String name : names) {
                fields.add(depth > 4 ? scalarOfAnyType() : jsonValue((Map<String, Object>) properties.get(name), components, depth + 1));
            }
            Arbitrary<List<Object>> values = fields.isEmpty() ? Arbitraries.just(List.of()) : combineAll(fields);
            Arbitrary<List<Boolean>> present = Arbitraries.integers().between(0, 9).map(n -> n < 8).list().ofSize(names.size());
            Arbitrary<Map<String, Object>> extra = Arbitraries.maps(fuzzString(20), scalarOfAnyType()).ofMaxSize(2);
            shaped = net.jqwik.api.Combinators.combine(values, present, extra).as((vs, ps, ex) -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    if (ps.get(i)) {
                        object.put(names.get(i), vs.get(i));
                    }
                }
                ex.forEach(object::putIfAbsent);
                return (Object) object;
            });
        } else if ("array".equals(type)) {
            Map<String, Object> items = (Map<String, Object>) schema.getOrDefault("items", Map.of());
            Arbitrary<Object> item = depth > 4 ? scalarOfAnyType() : jsonValue(items, components, depth + 1);
            shaped = Arbitraries.frequencyOf(Tuple.of(8, item.list().ofMaxSize(4)), Tuple.of(1, item.list().ofMinSize(200).ofMaxSize(2_000)))
                    .map(list -> (Object) list);
        } else {
            shaped = scalar(schema);
        }
        return Arbitraries.frequencyOf(Tuple.of(7, shaped), Tuple.of(2, other), Tuple.of(1, Arbitraries.just((Object) JsonNull.NULL)));
    }

    private static <T> Arbitrary<List<T>> combineAll(List<Arbitrary<T>> arbitraries) {
        Arbitrary<List<T>> all = Arbitraries.just(List.of());
        for (Arbitrary<T> next : arbitraries) {
            all = net.jqwik.api.Combinators.combine(all, next).as((list, value) -> {
                List<T> longer = new ArrayList<>(list);
                longer.add(value);
                return longer;
            });
        }
        return all;
    }

    private static Arbitrary<Object> scalarOfAnyType() {
        return Arbitraries.oneOf(number(), fuzzString(100).map(s -> (Object) s), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) JsonNull.NULL));
    }

    private static Arbitrary<Object> anyJson(int depth) {
        return Arbitraries.oneOf(scalarOfAnyType(), scalarOfAnyType().list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(fuzzString(10), scalarOfAnyType()).ofMaxSize(3).map(m -> (Object) m));
    }

    /** JSON null (a Java null would be lost in the generated lists and maps). */
    enum JsonNull { NULL }

    @SuppressWarnings("unchecked")
    static String render(Object value) {
        StringBuilder out = new StringBuilder();
        if (value == JsonNull.NULL || value == null) {
            out.append("null");
        } else if (value instanceof RawJson raw) {
            out.append(raw.text());
        } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            out.append("1e999");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",").append(render(String.valueOf(e.getKey()))).append(':').append(render(e.getValue()));
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",").append(render(list.get(i)));
            }
            out.append(']');
        } else {
            out.append(render(String.valueOf(value)));
        }
        return out.toString();
    }

    /**
     * The address cut to {@link #MAX_TARGET} characters (not inside a %-escape): a request head larger than
     * HAProxy's buffer gets HAProxy 2.6's built-in HTML 400, which no configuration replaces (haproxy#3032,
     * fixed in 3.2) — a known gap this tier does not re-prove on every run.
     */
    static String withinRequestLine(String target) {
        if (target.length() <= MAX_TARGET) {
            return target;
        }
        int cut = MAX_TARGET;
        int escape = target.lastIndexOf('%', cut - 1);
        if (escape >= 0 && escape > cut - 3) {
            cut = escape;
        }
        return target.substring(0, cut);
    }

    private static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- SOAP requests

    private static Arbitrary<Fuzzed> soapRequests(String partner) throws Exception {
        List<String> operations = names(Files.readString(WSDL), "<wsdl:operation name=\"(\\w+)\"");
        List<String> elements = names(Files.readString(XSD), "<xs:element name=\"([a-z]\\w*)\"");
        Arbitrary<String> content = Arbitraries.lazy(() -> soapContent(elements, 0));
        Arbitrary<String> operation = Arbitraries.of(operations);
        Arbitrary<String> envelope = net.jqwik.api.Combinators.combine(operation, content.list().ofMaxSize(4))
                .as((op, children) -> envelope("<p:" + op + ">" + String.join("", children) + "</p:" + op + ">"));
        Arbitrary<String> malformed = Arbitraries.oneOf(
                envelope.map(e -> e.substring(0, e.length() / 2)),
                envelope.map(e -> e.replace(SOAP_ENV, "http://www.w3.org/2003/05/soap-envelope")),
                envelope.map(e -> e.replace(PARTNER_NS, "urn:other")),
                envelope.map(e -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + e),
                Arbitraries.integers().between(50, 5_000).map(d -> envelope("<p:GetProduct>" + "<a>".repeat(d) + "</a>".repeat(d)
                        + "</p:GetProduct>")),
                Arbitraries.of("", "<", "<soap:Envelope/>", "<x/>", "not xml", "<?xml version=\"1.0\" encoding=\"EBCDIC\"?><a/>",
                        "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\"><soap:Body/></soap:Envelope>"),
                Arbitraries.strings().all().ofMaxLength(300));
        Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(6, envelope), Tuple.of(4, malformed));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("text/xml; charset=utf-8")),
                Tuple.of(2, Arbitraries.of("text/xml", "application/soap+xml", "application/json", "text/plain",
                        "multipart/related; type=\"text/xml\"; boundary=MIME", "text/xml; charset=latin1", "text/xml; charset=nope")));
        Arbitrary<String> credentials = Arbitraries.frequencyOf(Tuple.of(7, Arbitraries.just(Api.basic(partner, PASSWORD))),
                Tuple.of(1, Arbitraries.just("")), Tuple.of(1, Arbitraries.of(Api.basic(partner, "wrong"), "Basic ###", "Bearer x")));
        Arbitrary<String> action = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("matching")), Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, operation.map(op -> "\"" + PARTNER_NS + "/" + op + "\"")), Tuple.of(1, headerText(100)));
        return net.jqwik.api.Combinators.combine(body, contentType, credentials, action).as((b, type, auth, act) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", type);
            put(headers, "Authorization", auth);
            Matcher named = Pattern.compile("<p:(\\w+)").matcher(b);
            put(headers, "SOAPAction", "matching".equals(act) ? "\"" + PARTNER_NS + "/" + (named.find() ? named.group(1) : "") + "\"" : act);
            return new Fuzzed("POST", SOAP_PATH, headers, b.getBytes(StandardCharsets.UTF_8), true);
        });
    }

    private static Arbitrary<String> soapContent(List<String> elements, int depth) {
        Arbitrary<String> text = fuzzString(200).map(ApiFuzzIT::xmlText);
        Arbitrary<String> inner = depth > 2 ? text
                : Arbitraries.frequencyOf(Tuple.of(4, text), Tuple.of(1, Arbitraries.lazy(() -> soapContent(elements, depth + 1))));
        return net.jqwik.api.Combinators.combine(Arbitraries.of(elements), inner)
                .as((name, value) -> "<p:" + name + ">" + value + "</p:" + name + ">");
    }

    /** Text as XML content: markup escaped, and the characters XML 1.0 cannot hold at all left out. */
    private static String xmlText(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '&' -> out.append("&amp;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\" xmlns:p=\"" + PARTNER_NS + "\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    private static List<String> names(String document, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(document);
        Set<String> names = new java.util.TreeSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }
}
