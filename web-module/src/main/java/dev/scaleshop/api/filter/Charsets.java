package dev.scaleshop.api.filter;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/** Whether a request's declared charset is one the server can decode. */
public final class Charsets {

    private Charsets() {
    }

    /** True when none is declared (the media type's default applies) or the JVM supports the one named. */
    public static boolean decodable(String declared) {
        if (declared == null || declared.isBlank()) {
            return true;
        }
        try {
            return Charset.isSupported(declared.strip());
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
