package dev.scaleshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The sales report as a job: an administrator asks for a period, the report worker aggregates every shard
 * and stores CSV and PDF; the CSV says what the synchronous cross-shard endpoint says for the same days.
 */
class SalesReportIT {

    private final Api api = Api.throughHaproxy();

    @Test
    void aSalesReportCoversEveryShardAsCsvAndPdf() throws Exception {
        String admin = Stack.get().catalogAdmin();
        OrdersIT.setStock("SKU-000502", 1_000);
        IdentityIT.Customer rita = IdentityIT.Customer.register(api, "rita");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> placed = api.send("POST", "/api/v1/orders", "{\"lines\":[{\"sku\":\"SKU-000502\",\"quantity\":1}]}",
                    "Authorization", rita.bearer(), "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String period = "{\"from\":\"" + today.minusDays(6) + "\",\"to\":\"" + today.plusDays(1) + "\"}";

        HttpResponse<String> accepted = api.send("POST", "/api/v1/admin/reports/sales", period, "Authorization", admin);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobPath = accepted.headers().firstValue("Location").map(l -> l.substring(l.indexOf("/api/v1/"))).orElseThrow();
        String reportPath = "/api/v1/admin/reports/sales/" + Api.json(accepted).getString("id");
        Await.until("the report job succeeded", 60,
                () -> "succeeded".equals(Api.json(api.get(jobPath, "Authorization", admin)).getString("status")));
        JsonObject report = Api.json(api.get(reportPath, "Authorization", admin));
        assertThat(report.getString("status")).isEqualTo("ready");

        HttpResponse<byte[]> csv = api.getBytes(report.getString("csv"), "Authorization", admin);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("day,currency,orders,revenue");
        JsonObject sales = Api.json(api.get("/api/v1/admin/sales?from=" + today.minusDays(6) + "&to=" + today.plusDays(1),
                "Authorization", admin));
        assertThat(sales.getBoolean("complete")).isTrue();
        List<String> expected = sales.getJsonArray("days").stream().map(JsonValue::asJsonObject)
                .map(d -> d.getString("day") + "," + d.getString("currency") + "," + d.getJsonNumber("orders").longValue() + ","
                        + d.getJsonNumber("total").bigDecimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
                .collect(Collectors.toList());
        assertThat(lines.subList(1, lines.size())).as("the same as the synchronous cross-shard answer").isEqualTo(expected);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(today + ",EUR,"));

        HttpResponse<byte[]> pdf = api.getBytes(report.getString("pdf"), "Authorization", admin);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            String todayRow = lines.stream().filter(l -> l.startsWith(today + ",EUR,")).findFirst().orElseThrow();
            assertThat(text).contains("Sales report", today.toString(), "Total EUR",
                    String.format(java.util.Locale.ROOT, "%,.2f", new BigDecimal(todayRow.split(",")[3])));
        }
    }

    @Test
    void badPeriodsStrangersAndUnknownReportsGetProblems() {
        String admin = Stack.get().catalogAdmin();
        CatalogIT.assertProblem(api.send("POST", "/api/v1/admin/reports/sales", "{\"from\":\"2026-02-01\",\"to\":\"2026-01-01\"}",
                "Authorization", admin), 400, "invalid-report-period");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/admin/reports/sales", "{\"from\":\"2020-01-01\",\"to\":\"2026-01-01\"}",
                "Authorization", admin), 400, "invalid-report-period");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/admin/reports/sales", "{\"from\":\"yesterday\",\"to\":\"2026-01-01\"}",
                "Authorization", admin), 400, "invalid-report-period");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/admin/reports/sales", "not json", "Authorization", admin), 400, "malformed-json");
        IdentityIT.Customer customer = IdentityIT.Customer.register(api, "sam");
        CatalogIT.assertProblem(api.send("POST", "/api/v1/admin/reports/sales", "{\"from\":\"2026-01-01\",\"to\":\"2026-01-02\"}",
                "Authorization", customer.bearer()), 403, "forbidden");
        assertThat(api.get("/api/v1/admin/reports/sales/" + UUID.randomUUID(), "Authorization", admin).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/reports/sales/not-an-id", "Authorization", admin).statusCode()).isEqualTo(404);
    }
}
