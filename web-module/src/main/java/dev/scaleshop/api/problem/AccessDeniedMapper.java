package dev.scaleshop.api.problem;

import jakarta.ejb.EJBAccessException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A caller without the role an EJB requires: 403 (the web tier's constraints normally stop it first). */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<EJBAccessException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(EJBAccessException e) {
        return Problems.of(request, "forbidden", 403, "this operation needs another role").toResponse();
    }
}
