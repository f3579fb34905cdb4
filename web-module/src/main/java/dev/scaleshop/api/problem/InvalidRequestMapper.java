package dev.scaleshop.api.problem;

import dev.scaleshop.identity.boundary.LoginThrottledException;
import dev.scaleshop.problems.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(InvalidRequestException e) {
        Response response = Problems.of(request, e.problemType(), e.status(), e.getMessage()).toResponse();
        if (e instanceof LoginThrottledException throttled) {
            return Response.fromResponse(response).header("Retry-After", throttled.retryAfterSeconds()).build();
        }
        return response;
    }
}
