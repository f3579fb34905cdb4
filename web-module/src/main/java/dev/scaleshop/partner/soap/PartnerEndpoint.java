package dev.scaleshop.partner.soap;

import java.math.BigDecimal;
import java.util.GregorianCalendar;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.xml.datatype.DatatypeFactory;

import dev.scaleshop.cart.entity.CartContents;
import dev.scaleshop.catalog.boundary.Catalog;
import dev.scaleshop.catalog.boundary.ProductPage;
import dev.scaleshop.catalog.boundary.ProductQuery;
import dev.scaleshop.catalog.boundary.ProductView;
import dev.scaleshop.identity.boundary.LoginThrottledException;
import dev.scaleshop.invoices.boundary.Invoices;
import dev.scaleshop.orders.boundary.OrderView;
import dev.scaleshop.orders.boundary.Orders;
import dev.scaleshop.orders.entity.OrderStatus;
import dev.scaleshop.orders.resource.Checkouts;
import dev.scaleshop.partner.control.PartnerMetrics;
import dev.scaleshop.partner.filter.PartnerAuthenticationFilter;
import dev.scaleshop.partner.v1.GetInvoice;
import dev.scaleshop.partner.v1.GetInvoiceResponse;
import dev.scaleshop.partner.v1.GetOrderStatus;
import dev.scaleshop.partner.v1.GetOrderStatusResponse;
import dev.scaleshop.partner.v1.GetProduct;
import dev.scaleshop.partner.v1.GetProductResponse;
import dev.scaleshop.partner.v1.Order;
import dev.scaleshop.partner.v1.OrderLine;
import dev.scaleshop.partner.v1.OrderedLine;
import dev.scaleshop.partner.v1.PartnerPort;
import dev.scaleshop.partner.v1.PlaceOrder;
import dev.scaleshop.partner.v1.PlaceOrderResponse;
import dev.scaleshop.partner.v1.Product;
import dev.scaleshop.partner.v1.SearchProducts;
import dev.scaleshop.partner.v1.SearchProductsResponse;
import dev.scaleshop.problems.InvalidRequestException;
import dev.scaleshop.problems.UnavailableException;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.activation.DataHandler;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.jws.HandlerChain;
import jakarta.jws.WebService;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.MTOM;
import jakarta.xml.ws.soap.SOAPFaultException;

/**
 * The partner service, contract {@code https://scaleshop.dev/partner/v1} (WEB-INF/wsdl/partner-v1.wsdl,
 * published unchanged at {@code /soap/partner/v1?wsdl}; the port type is generated from it at build).
 * The caller is the partner {@link PartnerAuthenticationFilter} authenticated; it buys as a customer
 * whose account is the partner's. Every failure is a {@code PartnerFault} (see {@link PartnerFaults}).
 * The invoice travels as an MTOM attachment (binary, not base64 in the envelope).
 */
@WebService(serviceName = "PartnerService", portName = "PartnerPort", targetNamespace = PartnerFaults.NAMESPACE,
        endpointInterface = "dev.scaleshop.partner.v1.PartnerPort", wsdlLocation = "WEB-INF/wsdl/partner-v1.wsdl")
@MTOM
@HandlerChain(file = "partner-handlers.xml")
public class PartnerEndpoint implements PartnerPort {

    private static final Logger LOG = Logger.getLogger(PartnerEndpoint.class.getName());
    /** The JDK's own implementation, without a service lookup per order. */
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();
    private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[\\x21-\\x7e]{1,200}");

    @Resource
    WebServiceContext context;

    @EJB
    Catalog catalog;

    @EJB
    Orders orders;

    @EJB
    Invoices invoices;

    @Inject
    Checkouts checkouts;

    @Inject
    PartnerMetrics metrics;

    @Override
    public GetProductResponse getProduct(GetProduct request) {
        return call("GetProduct", () -> {
            String sku = required(request.getSku(), "sku");
            ProductView product = catalog.productBySku(sku)
                    .orElseThrow(() -> InvalidRequestException.notFound("product-not-found", "no product " + sku));
            GetProductResponse response = new GetProductResponse();
            response.setProduct(product(product));
            return response;
        });
    }

    @Override
    public SearchProductsResponse searchProducts(SearchProducts request) {
        return call("SearchProducts", () -> {
            ProductQuery query = ProductQuery.parse(request.getText(), request.getCategory(), plain(request.getMinPrice()),
                    plain(request.getMaxPrice()), null, text(request.getPage()), text(request.getPageSize()));
            ProductPage page = catalog.products(query);
            SearchProductsResponse response = new SearchProductsResponse();
            page.items().forEach(item -> response.getProduct().add(product(item)));
            response.setPage(page.request().page());
            response.setPageSize(page.request().size());
            response.setTotalItems(page.totalItems());
            return response;
        });
    }

    @Override
    public PlaceOrderResponse placeOrder(PlaceOrder request) {
        return call("PlaceOrder", () -> {
            String requestId = required(request.getRequestId(), "requestId");
            if (!REQUEST_ID.matcher(requestId).matches()) {
                throw new InvalidRequestException("invalid-request", "requestId holds 1 to 200 visible ASCII characters");
            }
            if (request.getLine().isEmpty() || request.getLine().size() > CartContents.MAX_LINES) {
                throw new InvalidRequestException("invalid-request", "an order has 1 to " + CartContents.MAX_LINES + " lines");
            }
            Map<String, Integer> lines = new TreeMap<>();
            for (OrderLine line : request.getLine()) {
                String sku = required(line.getSku(), "line/sku");
                if (line.getQuantity() < 1 || line.getQuantity() > CartContents.MAX_QUANTITY) {
                    throw new InvalidRequestException("invalid-request", "line/quantity is 1 to " + CartContents.MAX_QUANTITY + " (" + sku + ")");
                }
                lines.merge(sku, line.getQuantity(), Integer::sum);
            }
            UUID partner = partner();
            Orders.Outcome outcome = checkouts.place(partner, requestId, Checkouts.linesFingerprint(lines), lines, requestId());
            OrderView order = orders.order(partner, outcome.orderId())
                    .orElseThrow(() -> new IllegalStateException("order " + outcome.orderId() + " placed but not found"));
            LOG.info(() -> "SCALESHOP-PARTNER-001 partner " + partner + " order " + order.id() + " " + order.status()
                    + (outcome.replayed() ? " (replayed)" : "") + " requestId=" + requestId());
            PlaceOrderResponse response = new PlaceOrderResponse();
            response.setOrder(order(order));
            response.setReplayed(outcome.replayed());
            return response;
        });
    }

    @Override
    public GetOrderStatusResponse getOrderStatus(GetOrderStatus request) {
        return call("GetOrderStatus", () -> {
            GetOrderStatusResponse response = new GetOrderStatusResponse();
            response.setOrder(order(partnersOrder(request.getOrderId())));
            return response;
        });
    }

    @Override
    public GetInvoiceResponse getInvoice(GetInvoice request) {
        return call("GetInvoice", () -> {
            OrderView order = partnersOrder(request.getOrderId());
            GetInvoiceResponse response = new GetInvoiceResponse();
            invoices.find(order.customerId(), order.id()).ifPresentOrElse(invoice -> {
                response.setStatus("READY");
                response.setInvoiceNumber(invoice.number());
                response.setPdf(new DataHandler(new ByteArrayDataSource(invoice.pdf(), "application/pdf")));
            }, () -> {
                if (!OrderStatus.PAID.name().equals(order.status())) {
                    throw InvalidRequestException.conflict("no-invoice", "order " + order.id() + " is " + order.status()
                            + ": invoices are issued for paid orders");
                }
                response.setStatus("PENDING");
                response.setRetryAfterSeconds(1);
            });
            return response;
        });
    }

    private OrderView partnersOrder(String id) {
        UUID orderId;
        try {
            orderId = UUID.fromString(required(id, "orderId"));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.notFound("order-not-found", "no order " + id);
        }
        return orders.order(partner(), orderId)
                .orElseThrow(() -> InvalidRequestException.notFound("order-not-found", "no order " + id));
    }

    /**
     * Runs an operation; every failure leaves as a PartnerFault, unexpected ones logged with the request id.
     * Counted by outcome ({@link PartnerMetrics}).
     */
    private <T> T call(String operation, Supplier<T> work) {
        SOAPFaultException fault;
        try {
            T result = work.get();
            metrics.called(operation, "ok");
            return result;
        } catch (EJBException e) {
            fault = fault(operation, e.getCausedByException() != null ? e.getCausedByException() : e);
        } catch (RuntimeException e) {
            fault = fault(operation, e);
        }
        metrics.called(operation, PartnerFaults.code(fault));
        throw fault;
    }

    private SOAPFaultException fault(String operation, Exception e) {
        if (e instanceof LoginThrottledException throttled) {
            return PartnerFaults.fault(true, throttled.problemType(), throttled.getMessage(), requestId(),
                    OptionalInt.of((int) throttled.retryAfterSeconds()));
        }
        if (e instanceof InvalidRequestException invalid) {
            return PartnerFaults.fault(true, invalid.problemType(), invalid.getMessage(), requestId(), OptionalInt.empty());
        }
        if (e instanceof UnavailableException unavailable) {
            LOG.warning(() -> "SCALESHOP-PARTNER-503 " + operation + " " + unavailable.problemType() + ": " + e.getMessage()
                    + " requestId=" + requestId());
            return PartnerFaults.fault(false, unavailable.problemType(), unavailable.getMessage(), requestId(),
                    OptionalInt.of(unavailable.retryAfterSeconds()));
        }
        if (e instanceof SOAPFaultException already) {
            return already;
        }
        LOG.log(Level.SEVERE, e, () -> "SCALESHOP-PARTNER-500 " + operation + " failed requestId=" + requestId());
        return PartnerFaults.fault(false, "internal-error", "the request failed on the server; quote the request id "
                + "when reporting it", requestId(), OptionalInt.empty());
    }

    private HttpServletRequest servletRequest() {
        return (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
    }

    private UUID partner() {
        Object partner = servletRequest().getAttribute(PartnerAuthenticationFilter.PARTNER);
        if (partner == null) { // the filter refuses unauthenticated calls: this is a mapping mistake, not the caller's
            throw new IllegalStateException("no authenticated partner on a partner call (is the filter mapped?)");
        }
        return (UUID) partner;
    }

    private String requestId() {
        return RequestIdFilter.requestId(servletRequest());
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("invalid-request", name + " is required");
        }
        return value.strip();
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static String text(Integer number) {
        return number == null ? null : number.toString();
    }

    private static Product product(ProductView view) {
        Product product = new Product();
        product.setSku(view.sku());
        product.setName(view.name());
        product.setDescription(view.description());
        product.setCategory(view.categorySlug());
        product.setPrice(view.priceAmount());
        product.setCurrency(view.currency());
        product.setInStock(view.inStock());
        return product;
    }

    private static Order order(OrderView view) {
        Order order = new Order();
        order.setOrderId(view.id().toString());
        order.setStatus(dev.scaleshop.partner.v1.OrderStatus.fromValue(view.status()));
        order.setCurrency(view.currency());
        order.setTotal(view.total());
        order.setCreatedAt(DATATYPES.newXMLGregorianCalendar(GregorianCalendar.from(view.createdAt().atZone(java.time.ZoneOffset.UTC))));
        view.lines().forEach(line -> {
            OrderedLine ordered = new OrderedLine();
            ordered.setSku(line.sku());
            ordered.setName(line.name());
            ordered.setUnitPrice(line.unitPrice());
            ordered.setQuantity(line.quantity());
            ordered.setLineTotal(line.lineTotal());
            order.getLine().add(ordered);
        });
        return order;
    }
}
