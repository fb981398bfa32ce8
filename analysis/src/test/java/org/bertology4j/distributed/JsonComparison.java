package org.bertology4j.distributed;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** Compares two JSON trees: same structure and text, integers equal, floating-point numbers within a relative tolerance. */
public final class JsonComparison {
    private JsonComparison() {}

    public static void assertClose(JsonNode expected, JsonNode actual, double relTol) {
        List<String> diffs = new ArrayList<>();
        compare("$", expected, actual, relTol, diffs);
        if (!diffs.isEmpty()) fail(diffs.size() + " differences, first: " + diffs.subList(0, Math.min(5, diffs.size())));
    }

    private static void compare(String path, JsonNode e, JsonNode a, double tol, List<String> diffs) {
        if (a == null) { diffs.add(path + " missing"); return; }
        if (e.isNumber() && a.isNumber()) {
            if (e.isIntegralNumber() && a.isIntegralNumber()) {
                if (!e.bigIntegerValue().equals(a.bigIntegerValue())) diffs.add(path + ": " + e + " != " + a);
                return;
            }
            double x = e.doubleValue(), y = a.doubleValue();
            if (!(Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y))) && x != y) diffs.add(path + ": " + x + " vs " + y);
            return;
        }
        if (e.getNodeType() != a.getNodeType()) { diffs.add(path + ": " + e.getNodeType() + " vs " + a.getNodeType()); return; }
        if (e.isObject()) {
            if (e.size() != a.size()) diffs.add(path + ": " + e.size() + " fields vs " + a.size());
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                compare(path + "." + f, e.get(f), a.get(f), tol, diffs);
            }
        } else if (e.isArray()) {
            if (e.size() != a.size()) { diffs.add(path + ": length " + e.size() + " vs " + a.size()); return; }
            for (int i = 0; i < e.size(); i++) compare(path + "[" + i + "]", e.get(i), a.get(i), tol, diffs);
        } else if (!e.equals(a)) {
            diffs.add(path + ": " + e + " vs " + a);
        }
    }
}
