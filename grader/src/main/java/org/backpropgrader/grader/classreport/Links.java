package org.backpropgrader.grader.classreport;

import java.nio.charset.StandardCharsets;

/** Relative links between the report's files, so the report opens from the file system and can be moved whole. */
final class Links {
    private Links() {}

    /** The file name of a submission's page: the student id, which is already a valid file name (a batch entry's). */
    static String pageFile(String id) {
        return id + ".html";
    }

    /** {@code id} as one percent-encoded path segment (RFC 3986 unreserved characters stay). */
    static String segment(String id) {
        StringBuilder s = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                s.append((char) c);
            } else {
                s.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return s.toString();
    }
}
