package org.bertology4j.analysis.conllu;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the CorefUD {@code Entity=} value of one word into bracket events:
 * {@code (id-type-...} opens, {@code id)} closes, {@code (id-type-...)} is a one-word mention.
 * Several events may be concatenated, e.g. {@code (7-abstract-new(3-abstract-giv)} or {@code 7)6)5)}.
 */
final class EntityBrackets {

    /** One bracket event; {@code open && close} is a one-word mention. */
    record Event(boolean open, boolean close, String entityId, String entityType, String body) {}

    private EntityBrackets() {}

    /** @throws IllegalArgumentException describing the problem when the value is malformed */
    static List<Event> parse(String value) {
        List<Event> out = new ArrayList<>();
        int i = 0, n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == '(') {
                int j = i + 1;
                while (j < n && value.charAt(j) != '(' && value.charAt(j) != ')') j++;
                String body = value.substring(i + 1, j);
                if (body.isEmpty()) throw new IllegalArgumentException("empty entity bracket in Entity=" + value);
                String[] f = body.split("-", -1);
                String id = entityId(f[0]);
                String type = f.length > 1 && !f[1].isEmpty() ? f[1] : null;
                boolean close = j < n && value.charAt(j) == ')';
                out.add(new Event(true, close, id, type, body));
                i = close ? j + 1 : j;
            } else if (c == ')') {
                throw new IllegalArgumentException("closing bracket without entity id in Entity=" + value);
            } else {
                int j = i;
                while (j < n && value.charAt(j) != '(' && value.charAt(j) != ')') j++;
                if (j >= n || value.charAt(j) != ')') {
                    throw new IllegalArgumentException("text '" + value.substring(i, j)
                            + "' is neither an opening nor a closing bracket in Entity=" + value);
                }
                out.add(new Event(false, true, entityId(value.substring(i, j)), null, null));
                i = j + 1;
            }
        }
        return out;
    }

    // Discontinuous parts are written "e5[1/2]": the part index is dropped, each part is its own mention.
    private static String entityId(String raw) {
        int b = raw.indexOf('[');
        String id = b < 0 ? raw : raw.substring(0, b);
        if (id.isEmpty()) throw new IllegalArgumentException("empty entity id");
        return id;
    }
}
