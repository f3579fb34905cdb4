package dev.scaleshop.api.problem;

import java.io.IOException;

import dev.scaleshop.partner.soap.PartnerFaults;
import dev.scaleshop.tracing.filter.RequestIdFilter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Error page for what the servlet container answers itself (401 from a security constraint, 403, 405
 * outside JAX-RS): problem+json instead of the container's HTML — a SOAP fault for the partner service's
 * address (a bearer token sent there is refused by the authentication mechanism before the service runs).
 * Mapped in web.xml.
 */
@WebServlet(name = "ContainerErrorServlet", urlPatterns = "/problem")
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && uri.toString().startsWith(request.getContextPath() + "/soap/")) { // partners speak SOAP
            PartnerFaults.write(response, status, status == 401 ? "authentication-required" : WebApplicationExceptionMapper.slugFor(status),
                    soapDetail(status), RequestIdFilter.requestId(request));
            return;
        }
        Problem problem = Problems.of(request, WebApplicationExceptionMapper.slugFor(status), status, detail(status))
                .withInstance(uri == null ? null : uri.toString());
        response.setCharacterEncoding("UTF-8");
        problem.writeTo(response);
    }

    private static String soapDetail(int status) {
        return switch (status) {
            case 401 -> "the partner service needs HTTP Basic authentication with the partner account's e-mail and password";
            case 403 -> "this operation needs the partner role";
            default -> "the request was refused (HTTP " + status + ")";
        };
    }

    private static String detail(int status) {
        return switch (status) {
            case 401 -> "this operation needs an access token: Authorization: Bearer, from POST /api/v1/auth/token";
            case 403 -> "this operation needs another role";
            default -> null;
        };
    }
}
