package dev.scaleshop.identity.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleWindowTest {

    private static final long WINDOW = 900_000;

    @Test
    void theFirstFailuresCostNoWaitThenEachDoublesIt() {
        LoginThrottle.Window window = LoginThrottle.Window.parse(null);
        long now = 1_000_000;
        for (int i = 0; i < 5; i++) {
            assertThat(window.delayLeft(5, WINDOW, now)).isZero();
            window = window.failedAgain(now);
        }
        assertThat(window.delayLeft(5, WINDOW, now)).isEqualTo(1000);
        assertThat(window.failedAgain(now).delayLeft(5, WINDOW, now)).isEqualTo(2000);
        assertThat(window.failedAgain(now).failedAgain(now).delayLeft(5, WINDOW, now)).isEqualTo(4000);
        assertThat(window.delayLeft(5, WINDOW, now + 400)).as("measured from the last failure").isEqualTo(600);
    }

    @Test
    void theDelayNeverExceedsTheWindow() {
        LoginThrottle.Window many = new LoginThrottle.Window(70, 0, 5000);
        assertThat(many.delayLeft(5, WINDOW, 5000)).isEqualTo(WINDOW);
    }

    @Test
    void aCeilingBlocksUntilTheWindowEnds() {
        LoginThrottle.Window window = new LoginThrottle.Window(100, 10_000, 50_000);
        assertThat(window.blockLeft(101, WINDOW, 60_000)).isZero();
        assertThat(window.blockLeft(100, WINDOW, 60_000)).isEqualTo(10_000 + WINDOW - 60_000);
        assertThat(window.blockLeft(100, WINDOW, 10_000 + WINDOW)).isZero();
    }

    @Test
    void readsWhatItWritesAndTheFormerTwoFieldForm() {
        LoginThrottle.Window window = new LoginThrottle.Window(3, 100, 250);
        assertThat(LoginThrottle.Window.parse(window.toString())).isEqualTo(window);
        assertThat(LoginThrottle.Window.parse("4:100")).isEqualTo(new LoginThrottle.Window(4, 100, 100));
    }
}
