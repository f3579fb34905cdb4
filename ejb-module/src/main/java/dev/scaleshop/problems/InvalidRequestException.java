package dev.scaleshop.problems;

import jakarta.ejb.ApplicationException;

/**
 * A client mistake detected in business code. The web tier turns it into a problem+json response with
 * {@link #status()} whose {@code type} ends with {@link #problemType()}; being an application exception,
 * it is not wrapped in an EJBException on the way out, and it rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String problemType;
    private final int status;

    public InvalidRequestException(String problemType, String detail) {
        this(400, problemType, detail);
    }

    public InvalidRequestException(int status, String problemType, String detail) {
        super(detail);
        this.problemType = problemType;
        this.status = status;
    }

    public static InvalidRequestException notFound(String problemType, String detail) {
        return new InvalidRequestException(404, problemType, detail);
    }

    public static InvalidRequestException conflict(String problemType, String detail) {
        return new InvalidRequestException(409, problemType, detail);
    }

    public String problemType() {
        return problemType;
    }

    public int status() {
        return status;
    }
}
