package dev.scaleshop.identity.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordPolicyTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Correct horse battery 9 | null",
            "correct horse battery  | null",           // lower case and spaces: two kinds
            "short1                  | at least 12",
            "aaaaaaaaaaaaaaaa        | repeat one character",
            "abcdefghijklmnop        | two kinds",
            "1234567890123           | two kinds",
            "xALICEx-2024-secret     | e-mail address",
    })
    void judgesPasswords(String password, String reason) {
        var weakness = PasswordPolicy.weakness(password.strip().isEmpty() ? password : password.stripTrailing(),
                "alice@example.test");
        if (reason == null) {
            assertThat(weakness).isEmpty();
        } else {
            assertThat(weakness).get().asString().contains(reason);
        }
    }

    @ParameterizedTest
    @CsvSource({"129", "1000"})
    void capsTheLength(int length) {
        assertThat(PasswordPolicy.weakness("aB1".repeat(length), "x@y.test")).get().asString().contains("at most");
    }
}
