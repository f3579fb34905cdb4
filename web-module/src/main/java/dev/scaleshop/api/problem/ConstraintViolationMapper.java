package dev.scaleshop.api.problem;

import java.util.Comparator;

import dev.scaleshop.platform.control.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Bean Validation failures on request bodies: 400 with one entry per violated field. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(ConstraintViolationException e) {
        Problem problem = Problems.of(request, "validation-failed", 400, "the request body is invalid");
        JsonArrayBuilder errors = Jsons.createArrayBuilder();
        e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> field(v)))
                .forEach(v -> errors.add(Jsons.createObjectBuilder()
                        .add("field", field(v))
                        .add("message", v.getMessage())));
        JsonObjectBuilder json = Jsons.createObjectBuilder(problem.toJson()).add("errors", errors);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(json.build().toString()).build();
    }

    /** "create.draft.price.amount" → "price.amount": the path inside the body, without method and parameter. */
    static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : "body";
    }
}
