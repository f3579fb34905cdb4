package dev.scaleshop.platform.control;

import java.io.IOException;
import java.math.BigDecimal;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;

/** Text and rules on a PDFBox page, as the shop's documents (invoices, reports) lay them out. */
public final class PdfText {

    private PdfText() {
    }

    public static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(printable(text));
        content.endText();
    }

    /** Text ending at {@code right} (numbers in columns). */
    public static void textRight(PDPageContentStream content, PDType1Font font, float size, float right, float y, String text)
            throws IOException {
        String shown = printable(text);
        text(content, font, size, right - font.getStringWidth(shown) / 1000 * size, y, shown);
    }

    public static void rule(PDPageContentStream content, float from, float to, float y) throws IOException {
        content.setLineWidth(0.5f);
        content.moveTo(from, y);
        content.lineTo(to, y);
        content.stroke();
    }

    public static String money(BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "%,.2f", amount);
    }

    /** What WinAnsiEncoding (the standard fonts' encoding) can show: printable Latin-1, else '?'. */
    public static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> shown.append((c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xFF) ? (char) c : '?'));
        return shown.toString();
    }
}
