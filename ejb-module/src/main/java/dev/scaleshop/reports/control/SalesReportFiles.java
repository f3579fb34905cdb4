package dev.scaleshop.reports.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.scaleshop.platform.control.PdfText;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The sales report's two forms: CSV (RFC 4180, one row per day and currency, for spreadsheets) and an A4
 * PDF (the same rows with a header, page numbers and totals per currency, for people).
 */
public final class SalesReportFiles {

    /** One day's paid sales in one currency, summed over every shard. */
    public record Row(LocalDate day, String currency, long orders, BigDecimal revenue) {
    }

    /** What the report covers: [from, to) in UTC days, and when it was made. */
    public record Period(LocalDate from, LocalDate to, Instant generatedAt) {
    }

    private static final float MARGIN = 50;
    private static final float RIGHT = 545;
    private static final float ROW = 15;
    private static final int ROWS_PER_PAGE = 44;

    private SalesReportFiles() {
    }

    public static byte[] csv(List<Row> rows) {
        StringBuilder csv = new StringBuilder("day,currency,orders,revenue\r\n");
        for (Row row : rows) {
            csv.append(row.day()).append(',').append(row.currency()).append(',').append(row.orders()).append(',')
                    .append(row.revenue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Orders and revenue per currency over all rows. */
    public static Map<String, Row> totals(List<Row> rows) {
        Map<String, Row> totals = new TreeMap<>();
        for (Row row : rows) {
            totals.merge(row.currency(), row, (a, b) -> new Row(null, a.currency(), a.orders() + b.orders(), a.revenue().add(b.revenue())));
        }
        return totals;
    }

    public static byte[] pdf(Period period, List<Row> rows) {
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        List<List<Row>> pages = new ArrayList<>();
        for (int from = 0; from == 0 || from < rows.size(); from += ROWS_PER_PAGE) {
            pages.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_PAGE)));
        }
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            pdf.getDocumentInformation().setTitle("Sales " + period.from() + " to " + period.to());
            pdf.getDocumentInformation().setCreator("ScaleShop");
            for (int i = 0; i < pages.size(); i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    float y = page.getMediaBox().getHeight() - MARGIN;
                    PdfText.text(content, bold, 16, MARGIN, y, "Sales report");
                    PdfText.textRight(content, regular, 9, RIGHT, y, period.from() + " to " + period.to() + " (UTC, end exclusive)");
                    y -= 30;
                    PdfText.text(content, bold, 9, MARGIN, y, "Day");
                    PdfText.text(content, bold, 9, 160, y, "Currency");
                    PdfText.textRight(content, bold, 9, 380, y, "Paid orders");
                    PdfText.textRight(content, bold, 9, RIGHT, y, "Revenue");
                    PdfText.rule(content, MARGIN, RIGHT, y - 5);
                    y -= ROW + 2;
                    for (Row row : pages.get(i)) {
                        PdfText.text(content, regular, 9, MARGIN, y, row.day().toString());
                        PdfText.text(content, regular, 9, 160, y, row.currency());
                        PdfText.textRight(content, regular, 9, 380, y, Long.toString(row.orders()));
                        PdfText.textRight(content, regular, 9, RIGHT, y, PdfText.money(row.revenue()));
                        y -= ROW;
                    }
                    if (rows.isEmpty()) {
                        PdfText.text(content, regular, 9, MARGIN, y, "No paid orders in this period.");
                        y -= ROW;
                    }
                    if (i == pages.size() - 1) {
                        PdfText.rule(content, MARGIN, RIGHT, y + ROW - 5);
                        y -= 4;
                        for (Row total : totals(rows).values()) {
                            PdfText.text(content, bold, 10, MARGIN, y, "Total " + total.currency());
                            PdfText.textRight(content, bold, 10, 380, y, Long.toString(total.orders()));
                            PdfText.textRight(content, bold, 10, RIGHT, y, PdfText.money(total.revenue()));
                            y -= ROW;
                        }
                    }
                    PdfText.text(content, regular, 8, MARGIN, 30, "Generated " + period.generatedAt() + " from every shard - page "
                            + (i + 1) + " of " + pages.size());
                }
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the sales report", e);
        }
    }
}
