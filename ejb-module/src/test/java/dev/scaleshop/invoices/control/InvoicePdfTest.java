package dev.scaleshop.invoices.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class InvoicePdfTest {

    private final InvoicePdf renderer = new InvoicePdf();

    @Test
    void theInvoiceShowsAddressesLinesAndTotalsWithTheVatTheyInclude() throws IOException {
        InvoicePdf.Document invoice = document(List.of(
                new InvoicePdf.Line("SKU-000101", "Espresso cups", 2, new BigDecimal("12.00"), new BigDecimal("24.00")),
                new InvoicePdf.Line("SKU-000102", "Milk jug", 1, new BigDecimal("96.00"), new BigDecimal("96.00"))),
                new BigDecimal("120.00"));

        try (PDDocument pdf = Loader.loadPDF(renderer.render(invoice))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Invoice INV-20261128-ABC");
            assertThat(text).contains("Invoice no. INV-20261128-ABC", "Date 2026-11-28", "Bill to", "Zoë Müller",
                    "1 Main St", "12345 Springfield", "SKU-000101", "Espresso cups", "24.00", "SKU-000102", "Milk jug", "96.00",
                    "Net", "100.00", "VAT 20%", "20.00", "Total EUR", "120.00", "page 1 of 1");
        }
    }

    @Test
    void aLongOrderContinuesOnMorePagesAndCharactersTheFontLacksBecomeQuestionMarks() throws IOException {
        List<InvoicePdf.Line> lines = IntStream.rangeClosed(1, 75).mapToObj(i -> new InvoicePdf.Line(
                "SKU-%06d".formatted(i), i == 75 ? "Teapot 茶" : "Item " + i, 1, BigDecimal.ONE, BigDecimal.ONE)).toList();

        try (PDDocument pdf = Loader.loadPDF(renderer.render(document(lines, new BigDecimal("75.00"))))) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(pdf.getNumberOfPages()).as("30 rows, then 42 per page").isEqualTo(3);
            assertThat(text).contains("SKU-000001", "SKU-000075", "Teapot ?", "page 3 of 3", "75.00");
        }
    }

    private static InvoicePdf.Document document(List<InvoicePdf.Line> lines, BigDecimal total) {
        return new InvoicePdf.Document("INV-20261128-ABC", LocalDate.of(2026, 11, 28), "01a2217a-24a1-7092-b095-0960eafb4a95",
                List.of("ScaleShop GmbH", "Example Street 1"), List.of("Zoë Müller", "1 Main St", "12345 Springfield", "US"),
                lines, "EUR", total, new BigDecimal("0.20"));
    }
}
