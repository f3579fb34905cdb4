package dev.scaleshop.orders.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.scaleshop.orders.entity.CustomerOrder;
import dev.scaleshop.orders.entity.OrderLine;
import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

/** An order as the API shows it. */
public record OrderView(UUID id, UUID customerId, String status, String currency, BigDecimal total, Instant createdAt,
                        List<Line> lines) {

    public record Line(String sku, String name, BigDecimal unitPrice, int quantity, BigDecimal lineTotal) {
    }

    public static OrderView of(CustomerOrder order, List<OrderLine> lines) {
        return new OrderView(order.id(), order.customerId(), order.status().name(), order.currency(), order.totalAmount(),
                order.createdAt(), lines.stream()
                .map(l -> new Line(l.sku(), l.name(), l.unitPrice(), l.quantity(), l.lineTotal())).toList());
    }

    public JsonObject toJson() {
        JsonArrayBuilder lineArray = Jsons.createArrayBuilder();
        lines.forEach(l -> lineArray.add(Jsons.createObjectBuilder().add("sku", l.sku()).add("name", l.name())
                .add("unitPrice", l.unitPrice()).add("quantity", l.quantity()).add("lineTotal", l.lineTotal())));
        return Jsons.createObjectBuilder()
                .add("id", id.toString())
                .add("customerId", customerId.toString())
                .add("status", status)
                .add("currency", currency)
                .add("total", total)
                .add("createdAt", createdAt.toString())
                .add("lines", lineArray)
                .build();
    }
}
