package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.File;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.scaleshop.system.rest.ApiClient;
import dev.scaleshop.system.rest.ApiException;
import dev.scaleshop.system.rest.ApiResponse;
import dev.scaleshop.system.rest.api.CatalogApi;
import dev.scaleshop.system.rest.api.CustomersApi;
import dev.scaleshop.system.rest.api.IdentityApi;
import dev.scaleshop.system.rest.api.JobsApi;
import dev.scaleshop.system.rest.api.OrdersApi;
import dev.scaleshop.system.rest.model.Address;
import dev.scaleshop.system.rest.model.Customer;
import dev.scaleshop.system.rest.model.Job;
import dev.scaleshop.system.rest.model.Order;
import dev.scaleshop.system.rest.model.OrderLineRequest;
import dev.scaleshop.system.rest.model.OrderRequest;
import dev.scaleshop.system.rest.model.Problem;
import dev.scaleshop.system.rest.model.Product;
import dev.scaleshop.system.rest.model.ProductList;
import dev.scaleshop.system.rest.model.Registration;
import dev.scaleshop.system.rest.model.TokenRequest;
import dev.scaleshop.system.rest.model.TokenResponse;
import jakarta.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The REST contract as a customer's system meets it: the document at {@code /openapi} (through HAProxy)
 * is the repository's contract, and a client generated from that contract at build time
 * (openapi-generator, this module's build) runs the customer flow — register, log in, search, order,
 * invoice, job — and reads the API's problem+json errors with the contract's Problem model.
 */
class OpenApiIT {

    private static final Path CONTRACT = Path.of("..", "web-module", "src", "main", "resources", "META-INF", "openapi.yaml");

    private final Api api = Api.throughHaproxy();

    @Test
    @SuppressWarnings("unchecked")
    void theServedDocumentIsTheContract() throws Exception {
        Map<String, Object> contract;
        try (InputStream in = Files.newInputStream(CONTRACT)) {
            contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        HttpResponse<String> served = api.get("/openapi", "Accept", "application/json");
        assertThat(served.statusCode()).isEqualTo(200);
        JsonObject document = Api.json(served);

        assertThat(document.getJsonObject("info").getString("title")).isEqualTo(((Map<String, Object>) contract.get("info")).get("title"));
        Set<String> servedOperations = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (!"parameters".equals(method)) {
                servedOperations.add(method + " " + path + " " + operation.asJsonObject().getString("operationId"));
            }
        }));
        Set<String> contractOperations = new TreeSet<>();
        ((Map<String, Map<String, Object>>) contract.get("paths")).forEach((path, item) -> item.forEach((method, operation) -> {
            if (!"parameters".equals(method)) {
                contractOperations.add(method + " " + path + " " + ((Map<String, Object>) operation).get("operationId"));
            }
        }));
        assertThat(servedOperations).as("the operations /openapi serves").isEqualTo(contractOperations);
        Map<String, Object> components = (Map<String, Object>) contract.get("components");
        assertThat(document.getJsonObject("components").getJsonObject("schemas").keySet())
                .isEqualTo(((Map<String, Object>) components.get("schemas")).keySet());
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer")
                .getString("scheme")).isEqualTo("bearer");
        assertThat(document.getJsonObject("components").getJsonObject("responses").getJsonObject("TooManyRequests")
                .getJsonObject("content").containsKey("application/problem+json")).isTrue();
    }

    @Test
    void theInteractivePageLoadsTheContract() {
        HttpResponse<String> page = api.get("/api-docs/");
        assertThat(page.statusCode()).isEqualTo(200);
        java.util.regex.Matcher bundle = java.util.regex.Pattern.compile("src=\"(/webjars/swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"")
                .matcher(page.body());
        assertThat(bundle.find()).as(page.body()).isTrue();
        assertThat(api.getBytes(bundle.group(1)).statusCode()).as("the pinned Swagger UI is served").isEqualTo(200);
        HttpResponse<String> init = api.get("/api-docs/init.js");
        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(init.body()).contains("url: \"/openapi\"");
    }

    @Test
    void aCustomerShopsThroughTheGeneratedClient() throws Exception {
        ApiClient anonymous = client(null);
        String email = "openapi-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Registration registration = new Registration();
        registration.setEmail(email);
        registration.setPassword(IdentityIT.Customer.PASSWORD);
        registration.setName("Grace Generated");
        Address address = new Address();
        address.setLine1("2 Contract Row");
        address.setCity("Springfield");
        address.setPostalCode("12345");
        address.setCountry("US");
        registration.setAddress(address);
        Customer customer = new CustomersApi(anonymous).registerCustomer(registration);
        assertThat(customer.getEmail()).isEqualTo(email);

        TokenRequest login = new TokenRequest();
        login.setGrantType(TokenRequest.GrantTypeEnum.PASSWORD);
        login.setEmail(email);
        login.setPassword(IdentityIT.Customer.PASSWORD);
        TokenResponse tokens = new IdentityApi(anonymous).createToken(login);
        assertThat(tokens.getAccessToken()).isNotBlank();
        ApiClient client = client(tokens.getAccessToken());
        assertThat(new CustomersApi(client).getMe().getId()).isEqualTo(customer.getId());

        CatalogApi catalog = new CatalogApi(client);
        ProductList page = catalog.searchProducts("Product 50", null, null, null, "-price", 0, 5, null);
        assertThat(page.getItems()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        Product product = catalog.getProduct("SKU-000501", null);
        assertThat(product.getPrice().getCurrency()).isEqualTo("EUR");
        OrdersIT.setStock("SKU-000501", 1000);

        OrdersApi orders = new OrdersApi(client);
        OrderLineRequest line = new OrderLineRequest();
        line.setSku("SKU-000501");
        line.setQuantity(2);
        OrderRequest request = new OrderRequest();
        request.setLines(List.of(line));
        String key = UUID.randomUUID().toString();
        Order order = orders.placeOrder(key, request);
        assertThat(order.getStatus()).isEqualTo(Order.StatusEnum.PAID);
        assertThat(order.getLines()).singleElement().satisfies(l -> assertThat(l.getQuantity()).isEqualTo(2));
        ApiResponse<Order> replay = orders.placeOrderWithHttpInfo(key, request);
        assertThat(replay.getData().getId()).as("the same key answers the first order").isEqualTo(order.getId());
        assertThat(replay.getHeaders().get("idempotent-replayed")).containsExactly("true");
        assertThat(orders.getOrder(order.getId()).getTotal()).isEqualByComparingTo(order.getTotal());
        assertThat(orders.listMyOrders(10, 0).getItems()).extracting(Order::getId).contains(order.getId());

        AtomicReference<ApiResponse<File>> invoice = new AtomicReference<>();
        Await.until("the invoice is rendered", 60, () -> {
            invoice.set(orders.getInvoiceWithHttpInfo(order.getId()));
            return invoice.get().getStatusCode() == 200;
        });
        try (PDDocument pdf = Loader.loadPDF(invoice.get().getData())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Order " + order.getId(), "SKU-000501", "Grace Generated");
        }
        UUID jobId = UUID.fromString(InvoicesIT.jobId(order.getId().toString()));
        // the invoice is readable once stored; its job succeeds after it has also mailed the confirmation
        AtomicReference<Job> job = new AtomicReference<>();
        Await.until("the invoice job finished", 60, () -> {
            job.set(new JobsApi(client).getJob(jobId));
            return job.get().getStatus() != Job.StatusEnum.RUNNING && job.get().getStatus() != Job.StatusEnum.QUEUED;
        });
        assertThat(job.get().getStatus()).isEqualTo(Job.StatusEnum.SUCCEEDED);

        ApiException missing = catchThrowableOfType(ApiException.class, () -> catalog.getProduct("NO-SUCH-SKU", null));
        assertThat(missing.getCode()).isEqualTo(404);
        Problem problem = client.getObjectMapper().readValue(missing.getResponseBody(), Problem.class);
        assertThat(problem.getType().toString()).isEqualTo("https://scaleshop.dev/problems/not-found");
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getRequestId()).isNotBlank();
        ApiException unauthenticated = catchThrowableOfType(ApiException.class, () -> new OrdersApi(anonymous).listMyOrders(1, 0));
        assertThat(unauthenticated.getCode()).isEqualTo(401);
        ApiException invalid = catchThrowableOfType(ApiException.class, () -> orders.placeOrder("", request));
        assertThat(client.getObjectMapper().readValue(invalid.getResponseBody(), Problem.class).getType().toString())
                .endsWith("/idempotency-key-required");
    }

    /** The generated client bound to HAProxy (HTTP/1.1), with the bearer token if there is one. */
    private static ApiClient client(String accessToken) {
        ApiClient client = new ApiClient();
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)));
        client.updateBaseUri(Stack.get().baseUrl());
        client.setReadTimeout(Duration.ofSeconds(30));
        if (accessToken != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + accessToken));
        }
        return client;
    }
}
