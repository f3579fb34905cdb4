package dev.scaleshop.catalog.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaleshop.problems.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

    @Test
    void absentParametersTakeDefaults() {
        PageRequest request = PageRequest.parse(null, " ");
        assertThat(request.page()).isZero();
        assertThat(request.size()).isEqualTo(PageRequest.DEFAULT_SIZE);
    }

    @Test
    void offsetIsPageTimesSize() {
        assertThat(PageRequest.parse("3", "25").offset()).isEqualTo(75);
    }

    @ParameterizedTest
    @CsvSource({"-1,10", "0,0", "0,101", "abc,10", "0,1e3", "2000000,100", "99999999999,1"})
    void rejectsMalformedOrOutOfRangeParameters(String page, String size) {
        assertThatThrownBy(() -> PageRequest.parse(page, size))
                .isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).problemType())
                .isEqualTo("invalid-paging");
    }

    @Test
    void longGarbageIsAbbreviatedInTheMessage() {
        String garbage = "x".repeat(500);
        assertThatThrownBy(() -> PageRequest.parse(garbage, null))
                .hasMessageContaining("…")
                .hasMessageNotContaining(garbage);
    }

    @Test
    void countsPagesAndKnowsWhetherMoreFollow() {
        ProductPage page = new ProductPage(java.util.List.of(), new PageRequest(1, 10), 25);
        assertThat(page.totalPages()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
        assertThat(new ProductPage(java.util.List.of(), new PageRequest(2, 10), 25).hasNext()).isFalse();
    }
}
