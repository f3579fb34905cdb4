package dev.scaleshop.api.problem;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Error page for what the servlet container answers itself (401 from a security constraint, 403, 405
 * outside JAX-RS): problem+json instead of the container's HTML. Mapped in web.xml.
 */
@WebServlet(name = "ContainerErrorServlet", urlPatterns = "/problem")
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problem problem = Problems.of(request, WebApplicationExceptionMapper.slugFor(status), status, detail(status))
                .withInstance(uri == null ? null : uri.toString());
        response.setCharacterEncoding("UTF-8");
        problem.writeTo(response);
    }

    private static String detail(int status) {
        return switch (status) {
            case 401 -> "this operation needs an access token: Authorization: Bearer, from POST /api/v1/auth/token";
            case 403 -> "this operation needs another role";
            default -> null;
        };
    }
}
