package dev.scaleshop.invoices.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.scaleshop.platform.control.PdfText;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders an invoice as an A4 PDF with PDFBox: seller and billing addresses, one row per order line
 * (SKU, name, quantity, unit price, line total), the total with the VAT it includes, page numbers; long
 * orders continue on further pages with the table header repeated. Standard 14 fonts (no font files to
 * ship); characters they cannot show print as '?'.
 */
public final class InvoicePdf {

    /** What an invoice says. Prices include VAT at {@code taxRate} (0.20 = 20 %). */
    public record Document(String number, LocalDate issued, String orderId, List<String> seller, List<String> billTo,
                           List<Line> lines, String currency, BigDecimal total, BigDecimal taxRate) {
    }

    public record Line(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    private static final float MARGIN = 50;
    private static final float ROW = 16;
    private static final float[] COLUMNS = {MARGIN, 140, 380, 450, 545}; // SKU | name | qty (right) | unit (right) | total (right)

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    public byte[] render(Document invoice) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("Invoice " + invoice.number());
            info.setSubject("Order " + invoice.orderId());
            info.setCreator("ScaleShop");
            List<List<Line>> pages = paginate(invoice.lines());
            for (int i = 0; i < pages.size(); i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    float y = page.getMediaBox().getHeight() - MARGIN;
                    if (i == 0) {
                        y = header(content, invoice, y);
                    }
                    y = table(content, pages.get(i), invoice.currency(), y);
                    if (i == pages.size() - 1) {
                        totals(content, invoice, y);
                    }
                    PdfText.text(content, regular, 8, MARGIN, 30, invoice.number() + " - page " + (i + 1) + " of " + pages.size());
                }
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render invoice " + invoice.number(), e);
        }
    }

    private float header(PDPageContentStream content, Document invoice, float y) throws IOException {
        PdfText.text(content, bold, 20, MARGIN, y, "Invoice");
        float right = y;
        for (String line : List.of("Invoice no. " + invoice.number(), "Date " + invoice.issued(), "Order " + invoice.orderId())) {
            PdfText.textRight(content, regular, 9, COLUMNS[4], right, line);
            right -= 12;
        }
        y -= 40;
        PdfText.text(content, bold, 9, MARGIN, y, "From");
        PdfText.text(content, bold, 9, 300, y, "Bill to");
        y -= 13;
        int rows = Math.max(invoice.seller().size(), invoice.billTo().size());
        for (int i = 0; i < rows; i++) {
            if (i < invoice.seller().size()) {
                PdfText.text(content, regular, 9, MARGIN, y, invoice.seller().get(i));
            }
            if (i < invoice.billTo().size()) {
                PdfText.text(content, regular, 9, 300, y, invoice.billTo().get(i));
            }
            y -= 12;
        }
        return y - 20;
    }

    private float table(PDPageContentStream content, List<Line> lines, String currency, float y) throws IOException {
        PdfText.text(content, bold, 9, COLUMNS[0], y, "SKU");
        PdfText.text(content, bold, 9, COLUMNS[1], y, "Product");
        PdfText.textRight(content, bold, 9, COLUMNS[2], y, "Qty");
        PdfText.textRight(content, bold, 9, COLUMNS[3], y, "Unit price");
        PdfText.textRight(content, bold, 9, COLUMNS[4], y, "Amount (" + currency + ")");
        rule(content, y - 5);
        y -= ROW + 2;
        for (Line line : lines) {
            PdfText.text(content, regular, 9, COLUMNS[0], y, line.sku());
            PdfText.text(content, regular, 9, COLUMNS[1], y, clip(line.name(), 44));
            PdfText.textRight(content, regular, 9, COLUMNS[2], y, Integer.toString(line.quantity()));
            PdfText.textRight(content, regular, 9, COLUMNS[3], y, PdfText.money(line.unitPrice()));
            PdfText.textRight(content, regular, 9, COLUMNS[4], y, PdfText.money(line.lineTotal()));
            y -= ROW;
        }
        rule(content, y + ROW - 5);
        return y;
    }

    private void totals(PDPageContentStream content, Document invoice, float y) throws IOException {
        BigDecimal net = invoice.total().divide(BigDecimal.ONE.add(invoice.taxRate()), 2, RoundingMode.HALF_EVEN);
        BigDecimal tax = invoice.total().subtract(net);
        String rate = invoice.taxRate().movePointRight(2).stripTrailingZeros().toPlainString();
        y -= 6;
        PdfText.textRight(content, regular, 9, COLUMNS[3], y, "Net");
        PdfText.textRight(content, regular, 9, COLUMNS[4], y, PdfText.money(net));
        y -= 13;
        PdfText.textRight(content, regular, 9, COLUMNS[3], y, "VAT " + rate + "%");
        PdfText.textRight(content, regular, 9, COLUMNS[4], y, PdfText.money(tax));
        y -= 15;
        PdfText.textRight(content, bold, 11, COLUMNS[3], y, "Total " + invoice.currency());
        PdfText.textRight(content, bold, 11, COLUMNS[4], y, PdfText.money(invoice.total()));
        PdfText.text(content, regular, 8, MARGIN, y - 30, "Paid by card. Prices include VAT.");
    }

    /** 30 rows on the first page (below the addresses), 42 on the others. */
    private static List<List<Line>> paginate(List<Line> lines) {
        List<List<Line>> pages = new ArrayList<>();
        int from = 0;
        do {
            int size = pages.isEmpty() ? 30 : 42;
            pages.add(lines.subList(from, Math.min(lines.size(), from + size)));
            from += size;
        } while (from < lines.size());
        return pages;
    }

    private void rule(PDPageContentStream content, float y) throws IOException {
        PdfText.rule(content, MARGIN, COLUMNS[4], y);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
