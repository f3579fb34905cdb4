package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.scaleshop.system.partner.v1.GetInvoice;
import dev.scaleshop.system.partner.v1.GetInvoiceResponse;
import dev.scaleshop.system.partner.v1.GetOrderStatus;
import dev.scaleshop.system.partner.v1.GetProduct;
import dev.scaleshop.system.partner.v1.Order;
import dev.scaleshop.system.partner.v1.OrderLine;
import dev.scaleshop.system.partner.v1.OrderStatus;
import dev.scaleshop.system.partner.v1.PartnerFault_Exception;
import dev.scaleshop.system.partner.v1.PartnerPort;
import dev.scaleshop.system.partner.v1.PartnerService;
import dev.scaleshop.system.partner.v1.PlaceOrder;
import dev.scaleshop.system.partner.v1.PlaceOrderResponse;
import dev.scaleshop.system.partner.v1.Product;
import dev.scaleshop.system.partner.v1.SearchProducts;
import dev.scaleshop.system.partner.v1.SearchProductsResponse;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.MTOMFeature;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The partner SOAP service through HAProxy, as a partner uses it: a client generated at build time from
 * the WSDL the service publishes (wsimport in this module's build), bound at run time to the published
 * {@code ?wsdl}. Then what no generated client would send: bad credentials, XXE, billion laughs,
 * oversized and malformed requests — each refused with a SOAP fault and nothing of the server inside.
 */
class PartnerSoapIT {

    private static final String PATH = "/soap/partner/v1";
    private static final String PASSWORD = "Partner-Passw0rd-long";
    private static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

    private final Api api = Api.throughHaproxy();

    @Test
    void thePublishedContractIsTheOneTheClientWasGeneratedFrom() throws Exception {
        Path wsdlDirectory = Path.of("..", "web-module", "src", "main", "webapp", "WEB-INF", "wsdl");
        HttpResponse<String> wsdl = api.get(PATH + "?wsdl");
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(comparable(wsdl.body())).isEqualTo(comparable(Files.readString(wsdlDirectory.resolve("partner-v1.wsdl"))));
        HttpResponse<String> xsd = api.get(PATH + "?xsd=1");
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(comparable(xsd.body())).isEqualTo(comparable(Files.readString(wsdlDirectory.resolve("partner-v1.xsd"))));
        assertThat(xsd.body()).contains("targetNamespace=\"https://scaleshop.dev/partner/v1\"");
    }

    @Test
    void aPartnerBuysAndGetsItsInvoiceThroughTheGeneratedClient() throws Exception {
        String partner = createPartner("buyer");
        PartnerPort port = port(partner, PASSWORD);
        OrdersIT.setStock("SKU-000401", 1000);
        OrdersIT.setStock("SKU-000402", 1000);

        GetProduct get = new GetProduct();
        get.setSku("SKU-000401");
        Product product = port.getProduct(get).getProduct();
        assertThat(product.getSku()).isEqualTo("SKU-000401");
        assertThat(product.isInStock()).isTrue();
        double notFoundBefore = partnerCalls("GetProduct", "product-not-found");
        PartnerFault_Exception unknown = catchFault(() -> {
            GetProduct missing = new GetProduct();
            missing.setSku("NO-SUCH-SKU");
            port.getProduct(missing);
        });
        assertThat(unknown.getFaultInfo().getCode()).isEqualTo("product-not-found");
        assertThat(unknown.getFaultInfo().getRequestId()).isNotBlank();
        assertThat(partnerCalls("GetProduct", "product-not-found")).as("counted at /metrics").isEqualTo(notFoundBefore + 1);
        assertThat(partnerCalls("GetProduct", "ok")).isPositive();

        SearchProducts search = new SearchProducts();
        search.setText("Product 40");
        search.setPageSize(5);
        SearchProductsResponse found = port.searchProducts(search);
        assertThat(found.getPageSize()).isEqualTo(5);
        assertThat(found.getTotalItems()).isPositive();
        assertThat(found.getProduct()).isNotEmpty().allSatisfy(p -> assertThat(p.getName()).contains("Product 40"));
        search.setPageSize(500);
        assertThat(catchFault(() -> port.searchProducts(search)).getFaultInfo().getCode()).isEqualTo("invalid-paging");

        String requestId = "po-" + UUID.randomUUID();
        PlaceOrderResponse placed = port.placeOrder(order(requestId, Map.of("SKU-000401", 2, "SKU-000402", 1)));
        Order order = placed.getOrder();
        assertThat(placed.isReplayed()).isFalse();
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PAID);
        assertThat(order.getLine()).hasSize(2);
        assertThat(order.getTotal()).isEqualByComparingTo(order.getLine().stream()
                .map(l -> l.getLineTotal()).reduce(BigDecimal.ZERO, BigDecimal::add));

        PlaceOrderResponse again = port.placeOrder(order(requestId, Map.of("SKU-000401", 2, "SKU-000402", 1)));
        assertThat(again.isReplayed()).as("same requestId, same lines").isTrue();
        assertThat(again.getOrder().getOrderId()).isEqualTo(order.getOrderId());
        assertThat(OrdersIT.ordersOn(OrdersIT.shardOf(dev.scaleshop.sharding.control.Buckets.of(UUID.fromString(partnerId(partner)))),
                partnerId(partner))).as("one order for the request id").containsExactly(order.getOrderId());
        assertThat(catchFault(() -> port.placeOrder(order(requestId, Map.of("SKU-000401", 3)))).getFaultInfo().getCode())
                .isEqualTo("idempotency-key-reused");
        assertThat(catchFault(() -> port.placeOrder(order("po-" + UUID.randomUUID(), Map.of("SKU-000401", 100))))
                .getFaultInfo().getCode()).isEqualTo("invalid-request");

        GetOrderStatus status = new GetOrderStatus();
        status.setOrderId(order.getOrderId());
        assertThat(port.getOrderStatus(status).getOrder().getStatus()).isEqualTo(OrderStatus.PAID);
        PartnerPort other = port(createPartner("other"), PASSWORD);
        assertThat(catchFault(() -> other.getOrderStatus(status)).getFaultInfo().getCode())
                .as("another partner's order is unknown to it").isEqualTo("order-not-found");

        GetInvoice invoiceRequest = new GetInvoice();
        invoiceRequest.setOrderId(order.getOrderId());
        AtomicReference<GetInvoiceResponse> invoice = new AtomicReference<>();
        Await.until("the invoice is ready", 60, () -> {
            invoice.set(port.getInvoice(invoiceRequest));
            return "READY".equals(invoice.get().getStatus());
        });
        byte[] pdf;
        try (InputStream in = invoice.get().getPdf().getInputStream()) {
            pdf = in.readAllBytes();
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("Order " + order.getOrderId(), "SKU-000401",
                    invoice.get().getInvoiceNumber());
        }

        byte[] getInvoice = envelope("<p:GetInvoice><p:orderId>" + order.getOrderId() + "</p:orderId></p:GetInvoice>")
                .getBytes(StandardCharsets.UTF_8);
        String action = action("<p:GetInvoice>");
        HttpResponse<String> inline = api.postBytes(PATH, getInvoice, "text/xml; charset=utf-8",
                "Authorization", Api.basic(partner, PASSWORD), "SOAPAction", action);
        assertThat(inline.headers().firstValue("Content-Type")).get().asString()
                .as("a client that does not accept MTOM gets the PDF inline (base64)").startsWith("text/xml");
        assertThat(inline.body()).contains("<pdf>JVBER"); // "%PDF" in base64
        HttpResponse<String> mtom = api.postBytes(PATH, getInvoice, "text/xml; charset=utf-8",
                "Authorization", Api.basic(partner, PASSWORD), "Accept", "application/xop+xml, text/xml", "SOAPAction", action);
        assertThat(mtom.statusCode()).isEqualTo(200);
        assertThat(mtom.headers().firstValue("Content-Type")).get().asString()
                .as("the PDF travels as an MTOM attachment").startsWith("multipart/related").contains("application/xop+xml");
        assertThat(mtom.body()).contains("xop:Include").contains("Content-Type: application/pdf");
    }

    @Test
    void credentialsAreCheckedAndRefusalsAreFaults() {
        String partner = createPartner("creds");
        HttpResponse<String> none = api.send("POST", PATH, null, "Content-Type", "text/xml");
        assertFault(none, 401, "authentication-required");
        assertThat(none.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
        assertFault(soap(partner, "Wrong-Passw0rd-long", getProduct("SKU-000001")), 401, "invalid-credentials");
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "notapartner");
        assertFault(soap(customer.email(), IdentityIT.Customer.PASSWORD, getProduct("SKU-000001")), 403, "not-a-partner");

        assertThatThrownBy(() -> {
            GetProduct get = new GetProduct();
            get.setSku("SKU-000001");
            port(partner, "Wrong-Passw0rd-long").getProduct(get);
        }).as("the generated client sees the 401").isInstanceOf(jakarta.xml.ws.WebServiceException.class)
                .hasMessageContaining("401");
        assertThat(soap(partner, PASSWORD, getProduct("SKU-000001")).statusCode()).isEqualTo(200);
    }

    @Test
    void hostileXmlIsRefusedBeforeTheSoapStackReadsIt() throws Exception {
        String partner = createPartner("xml");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + envelope("<p:GetProduct><p:sku>&xxe;</p:sku></p:GetProduct>");
        HttpResponse<String> refusedXxe = raw(partner, xxe.getBytes(StandardCharsets.UTF_8), "text/xml; charset=utf-8");
        assertFault(refusedXxe, 400, "dtd-not-allowed");
        assertThat(refusedXxe.body()).doesNotContain("root:");

        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            lol.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        lol.append("]>").append(envelope("<p:GetProduct><p:sku>&lol9;</p:sku></p:GetProduct>"));
        assertFault(raw(partner, lol.toString().getBytes(StandardCharsets.UTF_8), "text/xml"), 400, "dtd-not-allowed");

        assertFault(raw(partner, "<soap:Envelope><unclosed>".getBytes(StandardCharsets.UTF_8), "text/xml"), 400, "malformed-xml");
        assertFault(raw(partner, envelope("<p:GetProduct>" + "<a>".repeat(100) + "</a>".repeat(100) + "</p:GetProduct>")
                        .getBytes(StandardCharsets.UTF_8), "text/xml"),
                400, "xml-too-deep");
        byte[] huge = envelope("<p:GetProduct><p:sku>" + "A".repeat(2 * 1024 * 1024) + "</p:sku></p:GetProduct>")
                .getBytes(StandardCharsets.UTF_8);
        assertFault(raw(partner, huge, "text/xml"), 413, "request-too-large");
        assertFault(raw(partner, "{}".getBytes(StandardCharsets.UTF_8), "application/json"), 415, "unsupported-media-type");

        // well-formed, but not a SOAP 1.1 envelope, or not an operation of the contract
        assertFault(raw(partner, "<order><sku>1</sku></order>".getBytes(StandardCharsets.UTF_8), "text/xml"), 400,
                "not-a-soap-envelope");
        assertFault(soap(partner, PASSWORD, "<p:DeleteEverything/>"), 400, "unknown-operation");

        // the SOAPAction header must name the operation in the body (WS-I Basic Profile R1109/R2744)
        byte[] getProduct = envelope(getProduct("SKU-000001")).getBytes(StandardCharsets.UTF_8);
        for (String action : new String[] {"\"https://scaleshop.dev/partner/v1/PlaceOrder\"", "\"\"", "anything"}) {
            assertFault(api.postBytes(PATH, getProduct, "text/xml; charset=utf-8", "Authorization", Api.basic(partner, PASSWORD),
                    "SOAPAction", action), 400, "soap-action-mismatch");
        }
        assertFault(api.postBytes(PATH, getProduct, "text/xml; charset=utf-8", "Authorization", Api.basic(partner, PASSWORD)),
                400, "soap-action-mismatch");

        // MTOM: the root part is the one start= names (the part Metro parses), not simply the first
        String deep = envelope("<p:GetProduct>" + "<a>".repeat(200) + "</a>".repeat(200) + "</p:GetProduct>");
        String multipart = "--MIME\r\nContent-Type: text/xml; charset=utf-8\r\nContent-ID: <first>\r\n\r\n"
                + envelope(getProduct("SKU-000001")) + "\r\n--MIME\r\nContent-Type: text/xml; charset=utf-8\r\n"
                + "Content-ID: <root>\r\n\r\n" + deep + "\r\n--MIME--\r\n";
        assertFault(raw(partner, multipart.getBytes(StandardCharsets.UTF_8),
                "multipart/related; type=\"text/xml\"; start=\"<root>\"; boundary=MIME"), 400, "xml-too-deep");

        // an envelope the SOAP stack reads, with content the operation refuses: a fault with 500 (WS-I Basic
        // Profile R1126), faultcode Client, the documented detail
        HttpResponse<String> refusedByOperation = soap(partner, PASSWORD, "<p:PlaceOrder><p:requestId>x-1</p:requestId>"
                + "<p:line><p:sku>SKU-000001</p:sku><p:quantity>not-a-number</p:quantity></p:line></p:PlaceOrder>");
        assertThat(refusedByOperation.statusCode()).isEqualTo(500);
        assertThat(refusedByOperation.body()).containsPattern("<faultcode>\\w+:Client</faultcode>").contains("<code>invalid-request</code>")
                .as("the fault's own message, not Metro's 'Server Error'").doesNotContain("Server Error")
                .containsPattern("<faultstring>([^<]+)</faultstring>.*<message>\\1</message>")
                .doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("at com.");
    }

    @Test
    void partnersHaveTheirOwnRateLimitTier() {
        String admin = Stack.get().catalogAdmin();
        String partner = createPartner("tier");
        try {
            HttpResponse<String> changed = api.send("PUT", "/api/v1/admin/rate-limits/partner",
                    "{\"quota\":5,\"windowSeconds\":3600}", "Authorization", admin);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            Await.until("the partner policy applies on both instances", 30, () -> {
                for (int i = 0; i < 4; i++) {
                    HttpResponse<String> answer = soap(partner, PASSWORD, getProduct("SKU-000001"));
                    if (!answer.headers().firstValue("RateLimit-Policy").orElse("").equals("\"partner\";q=5;w=3600")) {
                        return false;
                    }
                }
                return true;
            });
            HttpResponse<String> refused = null;
            for (int i = 0; i < 10 && refused == null; i++) {
                HttpResponse<String> answer = soap(partner, PASSWORD, getProduct("SKU-000001"));
                refused = answer.statusCode() == 429 ? answer : null;
            }
            assertThat(refused).as("the partner's bucket of 5 ran dry").isNotNull();
            assertFault(refused, 429, "rate-limited");
            assertThat(refused.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
            assertThat(refused.body()).as("the contract's retryAfterSeconds, as the header says")
                    .contains("<retryAfterSeconds>" + refused.headers().firstValue("Retry-After").orElseThrow() + "</retryAfterSeconds>");
            String otherPartner = createPartner("tier2");
            assertThat(soap(otherPartner, PASSWORD, getProduct("SKU-000001")).statusCode())
                    .as("another partner has its own bucket").isEqualTo(200);
        } finally {
            api.send("DELETE", "/api/v1/admin/rate-limits/partner", null, "Authorization", admin);
        }
    }

    // --- helpers

    /** scaleshop_partner_calls_total of one operation and outcome, summed over the instances. */
    private static double partnerCalls(String operation, String outcome) {
        return Stack.get().instances().keySet().stream().map(i -> new Api(Stack.get().instanceUrl(i)))
                .flatMap(instance -> instance.get("/metrics").body().lines())
                .filter(line -> line.startsWith("scaleshop_partner_calls_total{") && line.contains("operation=\"" + operation + "\"")
                        && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private String createPartner(String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.test";
        HttpResponse<String> created = api.send("POST", "/api/v1/accounts",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"partner\"]}",
                "Authorization", Stack.get().catalogAdmin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        ids.put(email, Api.json(created).getString("id"));
        return email;
    }

    private final Map<String, String> ids = new java.util.HashMap<>();

    private String partnerId(String email) {
        return ids.get(email);
    }

    /** A port of the generated client, bound to the WSDL the service publishes, with HTTP Basic. */
    private static PartnerPort port(String email, String password) {
        try {
            PartnerService service = new PartnerService(URI.create(Stack.get().baseUrl() + PATH + "?wsdl").toURL());
            PartnerPort port = service.getPartnerPort(new MTOMFeature()); // requests as MTOM too: the guard reads those
            Map<String, Object> context = ((BindingProvider) port).getRequestContext();
            context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, Stack.get().baseUrl() + PATH);
            context.put(BindingProvider.USERNAME_PROPERTY, email);
            context.put(BindingProvider.PASSWORD_PROPERTY, password);
            return port;
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlaceOrder order(String requestId, Map<String, Integer> lines) {
        PlaceOrder order = new PlaceOrder();
        order.setRequestId(requestId);
        new java.util.TreeMap<>(lines).forEach((sku, quantity) -> {
            OrderLine line = new OrderLine();
            line.setSku(sku);
            line.setQuantity(quantity);
            order.getLine().add(line);
        });
        return order;
    }

    private interface Call {
        void run() throws PartnerFault_Exception;
    }

    private static PartnerFault_Exception catchFault(Call call) {
        try {
            call.run();
        } catch (PartnerFault_Exception fault) {
            assertThat(fault.getMessage()).doesNotContain("at dev.");
            return fault;
        }
        throw new AssertionError("expected a PartnerFault");
    }

    private static String getProduct(String sku) {
        return "<p:GetProduct><p:sku>" + sku + "</p:sku></p:GetProduct>";
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"" + SOAP_ENV + "\" xmlns:p=\"https://scaleshop.dev/partner/v1\"><soap:Body>"
                + body + "</soap:Body></soap:Envelope>";
    }

    private HttpResponse<String> soap(String email, String password, String body) {
        return api.postBytes(PATH, envelope(body).getBytes(StandardCharsets.UTF_8), "text/xml; charset=utf-8",
                "Authorization", Api.basic(email, password), "SOAPAction", action(body));
    }

    /** Any body; the SOAPAction of the first operation element it names (as a client would send). */
    private HttpResponse<String> raw(String email, byte[] body, String contentType) {
        return api.postBytes(PATH, body, contentType, "Authorization", Api.basic(email, PASSWORD),
                "SOAPAction", action(new String(body, StandardCharsets.ISO_8859_1)));
    }

    /** The contract's soapAction for the operation element a body holds: "https://scaleshop.dev/partner/v1/<Operation>". */
    private static String action(String body) {
        java.util.regex.Matcher operation = java.util.regex.Pattern.compile("<p:(\\w+)").matcher(body);
        return "\"https://scaleshop.dev/partner/v1/" + (operation.find() ? operation.group(1) : "") + "\"";
    }

    private static void assertFault(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/xml");
        assertThat(response.body()).contains("<faultcode>soap:" + (status < 500 ? "Client" : "Server") + "</faultcode>")
                .contains("<code>" + code + "</code>").contains("<requestId>").doesNotContain("Exception").doesNotContain("at dev.");
    }

    /** The XML of a published document with what legitimately differs removed: comments, addresses, layout. */
    private static String comparable(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("<\\?xml[^>]*\\?>", "")
                .replaceAll("schemaLocation=\"[^\"]*\"", "schemaLocation=\"\"")
                .replaceAll("location=\"[^\"]*\"", "location=\"\"")
                .replaceAll("\\s+", " ")
                .replaceAll("> <", "><")
                .replace(" />", "/>")
                .strip();
    }
}
