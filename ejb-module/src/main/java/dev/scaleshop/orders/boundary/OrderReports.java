package dev.scaleshop.orders.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.logging.Logger;

import dev.scaleshop.orders.entity.CustomerOrder;
import dev.scaleshop.orders.entity.OrderStatus;
import dev.scaleshop.sharding.control.Shards;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

/**
 * Administrators' questions that span every customer: asked of all shards in parallel (a managed
 * executor), merged here. A shard that does not answer within {@link #SHARD_TIMEOUT_SECONDS} is named
 * in the answer's {@code missingShards} — the result is then partial and says so; it is never a 500 and
 * never silently incomplete.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OrderReports {

    private static final Logger LOG = Logger.getLogger(OrderReports.class.getName());
    private static final long SHARD_TIMEOUT_SECONDS = 5;

    @Inject
    Shards shards;

    @Resource
    ManagedExecutorService executor;

    /** What the shards that answered said, and which did not. */
    public record Partial<T>(T result, List<Integer> missingShards) {
    }

    /** One day's paid sales in one currency. */
    public record DailySales(LocalDate day, String currency, long orders, BigDecimal total) {
    }

    /**
     * Orders of any customer, newest first (created, then id), optionally of one status and within
     * [from, to): each shard returns its first {@code limit}, the merge keeps the global first {@code limit}.
     */
    public Partial<List<OrderView>> orders(OrderStatus status, Instant from, Instant to, int limit) {
        String jpql = "SELECT o FROM CustomerOrder o WHERE o.createdAt >= :from AND o.createdAt < :to AND o.bucket NOT IN :notServed"
                + (status == null ? "" : " AND o.status = :status") + " ORDER BY o.createdAt DESC, o.id DESC";
        Partial<List<List<CustomerOrder>>> perShard = scatter(shard -> shards.scan(shard, (em, notServed) -> {
            var query = em.createQuery(jpql, CustomerOrder.class)
                    .setParameter("from", from.atOffset(ZoneOffset.UTC)).setParameter("to", to.atOffset(ZoneOffset.UTC))
                    .setParameter("notServed", notServed).setMaxResults(limit);
            return (status == null ? query : query.setParameter("status", status)).getResultList();
        }));
        List<OrderView> merged = perShard.result().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(CustomerOrder::createdAt).thenComparing(o -> o.id().toString()).reversed())
                .limit(limit)
                .map(order -> OrderView.of(order, List.of()))
                .toList();
        return new Partial<>(merged, perShard.missingShards());
    }

    /** Paid sales per UTC day and currency in [from, to), summed over the shards. */
    public Partial<List<DailySales>> dailySales(Instant from, Instant to) {
        Partial<List<List<Object[]>>> perShard = scatter(shard -> shards.scan(shard, (em, notServed) -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT CAST(date_trunc('day', created_at AT TIME ZONE 'UTC') AS date), currency, count(*), sum(total_amount)
                    FROM customer_order WHERE status = 'PAID' AND created_at >= ?1 AND created_at < ?2
                    AND bucket NOT IN (SELECT bucket FROM bucket_state WHERE state <> 'SERVING')
                    GROUP BY 1, 2""")
                    .setParameter(1, from.atOffset(ZoneOffset.UTC)).setParameter(2, to.atOffset(ZoneOffset.UTC)).getResultList();
            return rows;
        }));
        Map<String, DailySales> byDayAndCurrency = new TreeMap<>();
        perShard.result().stream().flatMap(List::stream).forEach(row -> {
            LocalDate day = ((java.sql.Date) row[0]).toLocalDate();
            String currency = ((String) row[1]).trim();
            DailySales part = new DailySales(day, currency, ((Number) row[2]).longValue(), (BigDecimal) row[3]);
            byDayAndCurrency.merge(day + " " + currency, part, (a, b) ->
                    new DailySales(day, currency, a.orders() + b.orders(), a.total().add(b.total())));
        });
        return new Partial<>(new ArrayList<>(byDayAndCurrency.values()), perShard.missingShards());
    }

    /** Runs the query on every shard at once; shards that fail or are too slow are reported, not fatal. */
    private <T> Partial<List<T>> scatter(IntFunction<T> query) {
        List<Future<T>> answers = new ArrayList<>();
        for (int shard = 0; shard < shards.count(); shard++) {
            int s = shard;
            answers.add(executor.submit(() -> query.apply(s)));
        }
        List<T> results = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHARD_TIMEOUT_SECONDS);
        for (int shard = 0; shard < answers.size(); shard++) {
            try {
                results.add(answers.get(shard).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | TimeoutException e) {
                answers.get(shard).cancel(true);
                missing.add(shard);
                int s = shard;
                LOG.warning(() -> "SCALESHOP-ORDER-030 shard " + s + " missing from an admin report: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.add(shard);
            }
        }
        return new Partial<>(results, missing);
    }
}
