package dev.scaleshop.problems;

import jakarta.ejb.ApplicationException;

/**
 * A client mistake detected in business code. The web tier turns it into a 400 problem+json whose
 * {@code type} ends with {@link #problemType()}; being an application exception, it is not wrapped in
 * an EJBException on the way out.
 */
@ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String problemType;

    public InvalidRequestException(String problemType, String detail) {
        super(detail);
        this.problemType = problemType;
    }

    public String problemType() {
        return problemType;
    }
}
