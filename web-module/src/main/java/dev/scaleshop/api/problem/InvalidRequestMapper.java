package dev.scaleshop.api.problem;

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
        return Problems.of(request, e.problemType(), e.status(), e.getMessage()).toResponse();
    }
}
