package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.scaleshop.sharding.control.Buckets;
import jakarta.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * An order that is paid gets its invoice: the order's shard records an outbox event in the payment's
 * transaction, the relay turns it into a job and a message, the invoice worker renders the PDF onto the
 * shard. Checked end to end through HAProxy on the real PDF, in the databases (one invoice, one job),
 * and in the worker's log (the checkout's request id).
 */
class InvoicesIT {

    private final Api api = Api.throughHaproxy();

    @Test
    void aPaidOrderGetsOnePdfInvoiceWithItsLinesAndTotals() throws Exception {
        IdentityIT.Customer ida = IdentityIT.Customer.register(api, "ida");
        String requestId = "invoice-it-" + System.nanoTime();
        HttpResponse<String> placed = api.send("POST", "/api/v1/orders",
                "{\"lines\":[{\"sku\":\"SKU-000111\",\"quantity\":2},{\"sku\":\"SKU-000112\",\"quantity\":1}]}",
                "Authorization", ida.bearer(), "Idempotency-Key", UUID.randomUUID().toString(), "X-Request-Id", requestId);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonObject order = Api.json(placed);
        assertThat(order.getString("status")).isEqualTo("PAID");
        String id = order.getString("id");

        AtomicReference<String> jobLocation = new AtomicReference<>();
        AtomicReference<HttpResponse<byte[]>> ready = new AtomicReference<>();
        Await.until("the invoice is rendered", 60, () -> {
            HttpResponse<byte[]> invoice = api.getBytes("/api/v1/orders/" + id + "/invoice", "Authorization", ida.bearer());
            assertThat(invoice.statusCode()).as(new String(invoice.body(), StandardCharsets.UTF_8)).isIn(200, 202);
            invoice.headers().firstValue("Location").ifPresent(jobLocation::set);
            ready.set(invoice);
            return invoice.statusCode() == 200;
        });
        HttpResponse<byte[]> invoice = ready.get();
        assertThat(invoice.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(invoice.body())) {
            String text = new PDFTextStripper().getText(pdf);
            String compactId = id.replace("-", "").toUpperCase();
            assertThat(text).contains("Invoice no. INV-" + order.getString("createdAt").substring(0, 10).replace("-", "") + "-"
                    + compactId.substring(compactId.length() - 12), "Order " + id, "Ida", "1 Main St", "12345 Springfield",
                    "SKU-000111", "SKU-000112", "VAT 20%", money(order.getJsonNumber("total").bigDecimalValue()));
        }

        int shard = OrdersIT.shardOf(Buckets.of(UUID.fromString(ida.id())));
        assertThat(count(Stack.get().shard(shard), "SELECT count(*) FROM invoice WHERE order_id = ?", UUID.fromString(id))).isEqualTo(1);
        assertThat(count(Stack.get().shard(shard), "SELECT count(*) FROM outbox_event WHERE subject_id = ?", UUID.fromString(id)))
                .as("relayed and deleted").isZero();
        assertThat(count(Stack.get().primary(), "SELECT count(*) FROM job WHERE dedup_key = 'invoice:' || ?", id)).isEqualTo(1);

        String jobId = jobId(id);
        // the invoice is readable once stored; its job succeeds after it has also mailed the confirmation
        AtomicReference<JsonObject> finished = new AtomicReference<>();
        Await.until("the invoice job succeeded", 60, () -> {
            finished.set(Api.json(api.get("/api/v1/jobs/" + jobId, "Authorization", ida.bearer())));
            return !"running".equals(finished.get().getString("status")) && !"queued".equals(finished.get().getString("status"));
        });
        JsonObject job = finished.get();
        assertThat(job.getString("status")).isEqualTo("succeeded");
        assertThat(job.getString("requestId")).isEqualTo(requestId);
        IdentityIT.Customer other = IdentityIT.Customer.register(api, "ivo");
        assertThat(api.get("/api/v1/jobs/" + jobId, "Authorization", other.bearer()).statusCode()).as("not theirs").isEqualTo(404);
        assertThat(api.getBytes("/api/v1/orders/" + id + "/invoice", "Authorization", other.bearer()).statusCode()).isEqualTo(404);
        assertThat(api.getBytes("/api/v1/orders/" + id + "/invoice", "Authorization", Stack.get().catalogAdmin()).statusCode())
                .isEqualTo(200);
        Await.until("the worker's log line carries the checkout's request id", 30, () -> workerLogged(jobId, requestId));
        if (jobLocation.get() != null) {
            assertThat(jobLocation.get()).endsWith("/api/v1/jobs/" + jobId);
        }
    }

    @Test
    void anOrderThatIsNotPaidHasNoInvoice() throws SQLException {
        IdentityIT.Customer ned = IdentityIT.Customer.register(api, "ned");
        OrdersIT.setStock("SKU-000112", 1000);
        HttpResponse<String> declined = api.send("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"SKU-000112\",\"quantity\":12}]}",
                "Authorization", ned.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(201);
        JsonObject order = Api.json(declined);
        assertThat(order.getString("status")).as("the provider declines totals above 10,000: " + order).isEqualTo("PAYMENT_FAILED");

        CatalogIT.assertProblem(api.get("/api/v1/orders/" + order.getString("id") + "/invoice", "Authorization", ned.bearer()),
                409, "no-invoice");
    }

    private static String money(java.math.BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "%,.2f", amount);
    }

    /** The id of the order's invoice job. */
    static String jobId(String orderId) throws SQLException {
        try (Connection main = Stack.get().primary();
             PreparedStatement query = main.prepareStatement("SELECT id FROM job WHERE dedup_key = 'invoice:' || ?")) {
            query.setString(1, orderId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static long count(Connection db, String sql, Object parameter) throws SQLException {
        try (db; PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static boolean workerLogged(String jobId, String requestId) {
        return Stack.get().anyInstanceLogged("SCALESHOP-JOB-004 job " + jobId + " type=invoice succeeded: /api/v1/orders/", "requestId=" + requestId);
    }
}
