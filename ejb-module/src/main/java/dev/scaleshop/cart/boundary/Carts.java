package dev.scaleshop.cart.boundary;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.scaleshop.cart.entity.CartContents;
import dev.scaleshop.catalog.boundary.Catalog;
import dev.scaleshop.catalog.boundary.ProductView;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** Cart rules that need the catalog: only existing products go in, and prices come from the catalog. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Carts {

    @EJB
    Catalog catalog;

    /** 400 unknown-product unless the SKU is in the catalog. */
    public void requireProduct(String sku) {
        if (catalog.productBySku(sku).isEmpty()) {
            throw new InvalidRequestException("unknown-product", "no product with SKU " + sku);
        }
    }

    public CartView price(CartContents cart) {
        List<CartView.Line> lines = new ArrayList<>();
        Map<String, BigDecimal> totals = new TreeMap<>();
        int count = 0;
        for (Map.Entry<String, Integer> entry : cart.lines().entrySet()) {
            int quantity = entry.getValue();
            count += quantity;
            Optional<ProductView> product = catalog.productBySku(entry.getKey());
            if (product.isEmpty()) {
                lines.add(new CartView.Line(entry.getKey(), null, quantity, null, null, null, false));
                continue;
            }
            ProductView p = product.get();
            BigDecimal lineTotal = p.priceAmount().multiply(BigDecimal.valueOf(quantity));
            totals.merge(p.currency(), lineTotal, BigDecimal::add);
            lines.add(new CartView.Line(p.sku(), p.name(), quantity, p.priceAmount(), p.currency(), lineTotal, true));
        }
        return new CartView(lines, totals.entrySet().stream()
                .map(total -> new CartView.Total(total.getValue(), total.getKey())).toList(), count);
    }
}
