package dev.scaleshop.cart.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.scaleshop.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;

class CartContentsTest {

    @Test
    void quantitiesOfOneProductAddUpToTheCap() {
        CartContents cart = new CartContents();
        cart.add("A", 60);
        cart.add("A", 60);
        cart.add("B", 1);

        assertThat(cart.lines()).containsExactly(Map.entry("A", CartContents.MAX_QUANTITY), Map.entry("B", 1));
    }

    @Test
    void aFullCartRefusesNewProductsButNotMoreOfOnesItHolds() {
        CartContents cart = new CartContents();
        for (int i = 0; i < CartContents.MAX_LINES; i++) {
            cart.add("P" + i, 1);
        }
        cart.add("P0", 1);

        assertThat(cart.lines()).containsEntry("P0", 2);
        assertThatThrownBy(() -> cart.add("ONE-TOO-MANY", 1)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most");
    }

    @Test
    void loginMovesTheAnonymousLinesIntoTheCustomersCart() {
        CartContents customer = new CartContents();
        customer.add("A", 1);
        CartContents anonymous = new CartContents();
        anonymous.add("A", 2);
        anonymous.add("B", 3);

        customer.absorb(anonymous);

        assertThat(customer.lines()).containsExactly(Map.entry("A", 3), Map.entry("B", 3));
        assertThat(anonymous.isEmpty()).isTrue();
    }
}
