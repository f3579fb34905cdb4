package dev.scaleshop.reports.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class SalesReportFilesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 1);

    private final List<SalesReportFiles.Row> rows = List.of(
            new SalesReportFiles.Row(DAY, "EUR", 3, new BigDecimal("120.5")),
            new SalesReportFiles.Row(DAY, "USD", 1, new BigDecimal("9.99")),
            new SalesReportFiles.Row(DAY.plusDays(1), "EUR", 2, new BigDecimal("1000.00")));

    @Test
    void theCsvHasAHeaderAndOneRowPerDayAndCurrency() {
        assertThat(new String(SalesReportFiles.csv(rows), StandardCharsets.UTF_8)).isEqualTo("""
                day,currency,orders,revenue\r
                2026-11-01,EUR,3,120.50\r
                2026-11-01,USD,1,9.99\r
                2026-11-02,EUR,2,1000.00\r
                """);
    }

    @Test
    void totalsArePerCurrency() {
        assertThat(SalesReportFiles.totals(rows).values()).extracting(r -> r.currency() + " " + r.orders() + " " + r.revenue())
                .containsExactly("EUR 5 1120.50", "USD 1 9.99");
    }

    @Test
    void thePdfListsTheRowsAndTheTotalsAndRunsOverPages() throws Exception {
        List<SalesReportFiles.Row> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new SalesReportFiles.Row(DAY.plusDays(i), "EUR", i, BigDecimal.valueOf(i * 10L)));
        }
        byte[] pdf = SalesReportFiles.pdf(new SalesReportFiles.Period(DAY, DAY.plusDays(100), Instant.parse("2026-11-28T10:00:00Z")), many);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Sales report", DAY + " to " + DAY.plusDays(100),
                    "2026-11-01", DAY.plusDays(99).toString(), "Total EUR", "4950", "49,500.00", "page 3 of 3");
        }
    }

    @Test
    void anEmptyPeriodSaysSo() throws Exception {
        byte[] pdf = SalesReportFiles.pdf(new SalesReportFiles.Period(DAY, DAY.plusDays(1), Instant.EPOCH), List.of());

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("No paid orders in this period.");
        }
        assertThat(new String(SalesReportFiles.csv(List.of()), StandardCharsets.UTF_8)).isEqualTo("day,currency,orders,revenue\r\n");
    }
}
