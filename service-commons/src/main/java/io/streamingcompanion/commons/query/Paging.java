package io.streamingcompanion.commons.query;

import io.streamingcompanion.commons.problem.ApiException;

/**
 * A page of a list, read from the {@code page} and {@code size} query values. Both are checked here, once
 * for every list: not a number, out of range or too deep a page is a 400, never a 404 or an overflow.
 */
public record Paging(int page, int size) {

    /** Deeper pages cost a scan of every row before them; nobody pages this far by hand. */
    public static final int MAX_OFFSET = 100_000;

    public static Paging of(String page, String size, int defaultSize, int maxSize) {
        int pageNumber = parse("page", page, 0);
        int pageSize = parse("size", size, defaultSize);
        if (pageNumber < 0) {
            throw ApiException.badRequest("page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > maxSize) {
            throw ApiException.badRequest("size must be between 1 and " + maxSize);
        }
        if ((long) pageNumber * pageSize > MAX_OFFSET) {
            throw ApiException.badRequest("page * size must be at most " + MAX_OFFSET + "; narrow the list instead");
        }
        return new Paging(pageNumber, pageSize);
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }
}
