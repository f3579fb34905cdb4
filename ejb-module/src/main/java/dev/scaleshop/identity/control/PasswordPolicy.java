package dev.scaleshop.identity.control;

import java.util.Locale;
import java.util.Optional;

/**
 * Password strength, NIST SP 800-63B style: length over composition rules. 12 to 128 characters, at
 * least two kinds of characters (lower case, upper case, digits, others), not a single repeated
 * character, and not containing the address it protects.
 */
public final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** Why the password is too weak, or empty when it is acceptable. */
    public static Optional<String> weakness(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().distinct().count() == 1) {
            return Optional.of("a password cannot repeat one character");
        }
        long kinds = password.chars().map(PasswordPolicy::kind).distinct().count();
        if (kinds < 2) {
            return Optional.of("a password mixes at least two kinds of characters (letters, digits, symbols, cases)");
        }
        if (email != null && email.contains("@")) {
            String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
            if (local.length() >= 3 && password.toLowerCase(Locale.ROOT).contains(local)) {
                return Optional.of("a password must not contain the e-mail address");
            }
        }
        return Optional.empty();
    }

    private static int kind(int c) {
        if (Character.isLowerCase(c)) {
            return 0;
        }
        if (Character.isUpperCase(c)) {
            return 1;
        }
        return Character.isDigit(c) ? 2 : 3;
    }
}
