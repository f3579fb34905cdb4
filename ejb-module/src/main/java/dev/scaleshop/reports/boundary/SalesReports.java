package dev.scaleshop.reports.boundary;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import dev.scaleshop.jobs.boundary.Jobs;
import dev.scaleshop.jobs.control.JobQueues;
import dev.scaleshop.jobs.entity.Job;
import dev.scaleshop.orders.boundary.OrderReports;
import dev.scaleshop.platform.control.UuidV7;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.reports.control.SalesReportFiles;
import dev.scaleshop.reports.entity.SalesReport;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Sales reports: asked for (202 and a job), aggregated by the report worker over every shard, stored as
 * CSV and PDF. A report is complete or not made: a shard that does not answer fails the attempt, and the
 * broker tries again later (then dead-letters it for an operator).
 */
@Stateless
public class SalesReports {

    public static final String JOB_TYPE = "sales-report";
    public static final int MAX_DAYS = 366;
    private static final Logger LOG = Logger.getLogger(SalesReports.class.getName());

    @PersistenceContext(unitName = "scaleshop-primary")
    EntityManager em;

    @EJB
    Jobs jobs;

    @EJB
    OrderReports orderReports;

    @EJB
    SalesReports self;

    private final Clock clock = Clock.systemUTC();

    /** A requested report and the job making it. */
    public record Requested(SalesReport report, Job job) {
    }

    public Requested request(LocalDate from, LocalDate to, String requestId) {
        if (from == null || to == null || !to.isAfter(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw new InvalidRequestException("invalid-report-period",
                    "'from' and 'to' are days (YYYY-MM-DD), 'to' after 'from', at most " + MAX_DAYS + " days apart");
        }
        SalesReport report = new SalesReport(UuidV7.next(), from, to, clock.instant());
        Job job = jobs.submit(JOB_TYPE, JobQueues.REPORT, report.id().toString(), requestId); // 503 above high-water
        report.queued(job.id());
        em.persist(report);
        return new Requested(report, job);
    }

    public Optional<SalesReport> find(UUID id) {
        return Optional.ofNullable(em.find(SalesReport.class, id));
    }

    /**
     * The worker's part: asks every shard (in parallel, outside any transaction), renders both files, stores
     * them. A report already stored is not made again.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String render(UUID reportId) {
        SalesReport report = self.find(reportId).orElseThrow(() -> new IllegalStateException("no report " + reportId));
        String link = "/api/v1/admin/reports/sales/" + reportId;
        if (report.status() == SalesReport.Status.READY) {
            return link;
        }
        Instant from = report.fromDay().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = report.toDay().atStartOfDay(ZoneOffset.UTC).toInstant();
        OrderReports.Partial<List<OrderReports.DailySales>> sales = orderReports.dailySales(from, to);
        if (!sales.missingShards().isEmpty()) {
            throw new IllegalStateException("shards " + sales.missingShards() + " did not answer; report " + reportId + " not made");
        }
        List<SalesReportFiles.Row> rows = sales.result().stream()
                .map(d -> new SalesReportFiles.Row(d.day(), d.currency(), d.orders(), d.total())).toList();
        Instant now = clock.instant();
        byte[] csv = SalesReportFiles.csv(rows);
        byte[] pdf = SalesReportFiles.pdf(new SalesReportFiles.Period(report.fromDay(), report.toDay(), now), rows);
        self.store(reportId, csv, pdf, now);
        LOG.info(() -> "SCALESHOP-REPORT-001 sales report " + reportId + " " + report.fromDay() + ".." + report.toDay() + ": "
                + rows.size() + " rows, csv " + csv.length + " bytes, pdf " + pdf.length + " bytes");
        return link;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void store(UUID reportId, byte[] csv, byte[] pdf, Instant now) {
        SalesReport report = em.find(SalesReport.class, reportId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (report.status() != SalesReport.Status.READY) {
            report.ready(csv, pdf, now);
        }
    }
}
