package org.backpropgrader.grader.junit;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands in-memory requests to the engine: the JUnit Platform passes only string configuration parameters, so a
 * run registers its request under a fresh key, passes the key, and unregisters it when the run ends.
 */
final class GradingRequests {
    private static final Map<String, GradingRequest> OPEN = new ConcurrentHashMap<>();

    private GradingRequests() {}

    static String register(GradingRequest request) {
        String key = UUID.randomUUID().toString();
        OPEN.put(key, request);
        return key;
    }

    static GradingRequest lookup(String key) {
        GradingRequest r = OPEN.get(key);
        if (r == null) {
            throw new IllegalStateException("no open grading request under key " + key);
        }
        return r;
    }

    static void unregister(String key) {
        OPEN.remove(key);
    }
}
