package io.streamingcompanion.outbox;

/** Recognises the database failures that services turn into answers rather than errors. */
public final class DatabaseErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseErrors() {
    }

    /** True when a unique constraint refused the write: someone else won a race to create the same row. */
    public static boolean isUniqueViolation(Throwable failure) {
        return isUniqueViolation(failure, null);
    }

    /** Same, for one named unique index or constraint only (any, when {@code constraint} is null). */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return constraint == null || violation.getConstraintName() == null
                        || violation.getConstraintName().contains(constraint);
            }
        }
        return false;
    }
}
