package io.streamingcompanion.goalmenu.support;

/** Recognises database failures that are a client's conflict rather than a server error. */
public final class Failures {

    private static final String UNIQUE_VIOLATION = "23505";

    private Failures() {
    }

    /** True when {@code failure} was caused by the unique index named {@code constraint}. */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return violation.getConstraintName() == null || violation.getConstraintName().contains(constraint);
            }
            if (cause.getMessage() != null && cause.getMessage().contains(constraint)
                    && cause.getMessage().contains(UNIQUE_VIOLATION)) {
                return true;
            }
        }
        return false;
    }
}
