package io.streamingcompanion.localsuite;

import java.util.Locale;
import java.util.Set;

/**
 * Judges a request path before anything is routed on it. The router matches prefixes on the path it is
 * given, while a service resolves dot segments, decodes escapes and may treat {@code \} or {@code ;} as its
 * own, so {@code /api/sessions/../../q/metrics} would be routed as a session path and served as
 * {@code /q/metrics}. Every spelling that could make the service see another path than the router checked
 * is therefore refused rather than repaired; what is left is canonical (escapes of unreserved characters
 * decoded, other escapes in upper case), and that canonical path is both what the router routes on and what
 * it forwards.
 */
final class PathGuard {

    /** Operational endpoints and service-to-service calls: reachable on the services' own ports only. */
    private static final Set<String> PRIVATE_ROOTS = Set.of("q", "internal");

    sealed interface Verdict permits Accepted, Refused {
    }

    record Accepted(String path) implements Verdict {
    }

    record Refused(String reason) implements Verdict {
    }

    private PathGuard() {
    }

    static Verdict inspect(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return new Refused("The path must start with /");
        }
        StringBuilder canonical = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int decoded = i + 2 < rawPath.length() ? hexByte(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
                if (decoded < 0) {
                    return new Refused("The path has a % that does not start an escape (%XX)");
                }
                if (decoded == '.' || decoded == '/' || decoded == '\\' || decoded == '%') {
                    return new Refused("The path escapes a dot, a slash, a backslash or a percent sign");
                }
                if (isControl(decoded)) {
                    return new Refused("The path escapes a control character");
                }
                if (isUnreserved(decoded)) {
                    canonical.append((char) decoded);
                } else {
                    canonical.append('%').append(Character.toUpperCase(rawPath.charAt(i + 1)))
                            .append(Character.toUpperCase(rawPath.charAt(i + 2)));
                }
                i += 2;
            } else if (c == '\\') {
                return new Refused("The path contains a backslash");
            } else if (c == '#') {
                return new Refused("A request target has no fragment (#)");
            } else if (isControl(c)) {
                return new Refused("The path contains a control character");
            } else if (c > 0x7e) {
                return new Refused("The path has characters that must be percent-encoded");
            } else {
                canonical.append(c);
            }
        }
        String path = canonical.toString();
        if (path.contains("//")) {
            return new Refused("The path has an empty segment (//)");
        }
        for (String segment : path.split("/")) {
            String name = withoutParameters(segment);
            if (name.equals(".") || name.equals("..")) {
                return new Refused("The path has a dot segment (. or ..)");
            }
        }
        return new Accepted(path);
    }

    /** Whether a canonical path lies under {@code /q} or {@code /internal}, in any case, parameters or not. */
    static boolean isPrivate(String canonicalPath) {
        int end = canonicalPath.indexOf('/', 1);
        String root = canonicalPath.substring(1, end < 0 ? canonicalPath.length() : end);
        return PRIVATE_ROOTS.contains(withoutParameters(root).toLowerCase(Locale.ROOT));
    }

    /** Servlet-style servers read {@code ..;x} as {@code ..}, so parameters never hide a segment's name. */
    private static String withoutParameters(String segment) {
        String decoded = segment.replace("%3B", ";");
        int parameters = decoded.indexOf(';');
        return parameters < 0 ? decoded : decoded.substring(0, parameters);
    }

    private static int hexByte(char high, char low) {
        int h = hexDigit(high);
        int l = hexDigit(low);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    /** ASCII only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isControl(int c) {
        return c < 0x20 || c == 0x7f;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '~';
    }
}
