package org.backpropgrader.grader.classreport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.backpropgrader.grader.files.Directories;
import org.junit.jupiter.api.Assumptions;

/**
 * A real browser for the report's tests: Debian's {@code chromium}, headless, driven over the Chrome DevTools
 * Protocol on the JDK's own WebSocket client (no dependency). It records what a page sends and logs: every request
 * the page makes ({@code Network.requestWillBeSent}), console errors ({@code Runtime.consoleAPICalled}), uncaught
 * exceptions ({@code Runtime.exceptionThrown}) and browser log errors ({@code Log.entryAdded}).
 *
 * <p>Without a browser the tests are skipped, unless {@code BACKPROP_BROWSER_REQUIRED=1} (CI sets it): then they
 * fail, so a CI machine that lost its browser cannot pass by testing nothing.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String REQUIRED_ENV = "BACKPROP_BROWSER_REQUIRED";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final String session;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<JsonObject>> waiters = new CopyOnWriteArrayList<>();
    private final List<Predicate<JsonObject>> waiterTests = new CopyOnWriteArrayList<>();

    /** The browser, or the test is aborted (skipped) when there is none and none is required. */
    static HeadlessChromium launch(int width, int height) throws Exception {
        return new HeadlessChromium(binary(System.getenv()), width, height);
    }

    /** The browser to run: found on the PATH, else the test fails when one is required and is skipped otherwise. */
    static Path binary(Map<String, String> env) {
        Path binary = find(env);
        if (binary == null) {
            String message = "no chromium on the PATH (apt-get install chromium)";
            if ("1".equals(env.get(REQUIRED_ENV))) {
                throw new AssertionError(message + ", and " + REQUIRED_ENV + "=1");
            }
            Assumptions.abort(message);
        }
        return binary;
    }

    /** {@code BACKPROP_CHROMIUM}, else the first chromium on the PATH, else null. */
    static Path find(Map<String, String> env) {
        String override = env.get("BACKPROP_CHROMIUM");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private HeadlessChromium(Path binary, int width, int height) throws Exception {
        profile = Files.createTempDirectory("backprop-chromium");
        process = new ProcessBuilder(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-extensions",
                        "--disable-default-apps",
                        "--mute-audio",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "--window-size=" + width + "," + height,
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String endpoint = endpoint(process);
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(URI.create(endpoint), new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonObject target = send(null, "Target.createTarget", obj("url", "about:blank"));
        JsonObject attached = send(
                null,
                "Target.attachToTarget",
                obj("targetId", target.get("targetId").getAsString(), "flatten", true));
        session = attached.get("sessionId").getAsString();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            send(domain + ".enable", new JsonObject());
        }
        send(
                "Emulation.setDeviceMetricsOverride",
                obj("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** The {@code ws://…} endpoint chromium prints on standard error once it listens. */
    private static String endpoint(Process process) throws Exception {
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            int at = line.indexOf("ws://");
                            if (line.startsWith("DevTools listening on") && at >= 0) {
                                found.complete(line.substring(at).trim());
                            }
                        }
                        found.completeExceptionally(new IOException("chromium ended without a DevTools endpoint"));
                    } catch (IOException e) {
                        found.completeExceptionally(e);
                    }
                },
                "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return found.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens {@code url} and waits for its load event. */
    void open(String url) throws Exception {
        CompletableFuture<JsonObject> loaded = waitFor(e -> "Page.loadEventFired".equals(method(e)));
        events.clear();
        send("Page.navigate", obj("url", url));
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression in the page (promises awaited), as JSON. */
    JsonElement eval(String expression) throws Exception {
        JsonObject result =
                send("Runtime.evaluate", obj("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        JsonObject value = result.getAsJsonObject("result");
        return value.has("value") ? value.get("value") : com.google.gson.JsonNull.INSTANCE;
    }

    /** A PNG of the whole page. */
    void screenshot(Path png) throws Exception {
        JsonObject shot = send("Page.captureScreenshot", obj("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").getAsString()));
    }

    /** The page printed to PDF, as Chromium's print preview would (A4, backgrounds on). */
    byte[] pdf() throws Exception {
        JsonObject pdf =
                send("Page.printToPDF", obj("printBackground", true, "paperWidth", 8.27, "paperHeight", 11.69));
        return Base64.getDecoder().decode(pdf.get("data").getAsString());
    }

    /** Renders as for {@code media} ({@code print}, {@code screen}). */
    void emulateMedia(String media) throws Exception {
        send("Emulation.setEmulatedMedia", obj("media", media));
    }

    /** The URL of every request the page made since it was opened (the page itself included). */
    List<String> requests() {
        List<String> urls = new ArrayList<>();
        for (JsonObject e : events) {
            if ("Network.requestWillBeSent".equals(method(e))) {
                urls.add(e.getAsJsonObject("params")
                        .getAsJsonObject("request")
                        .get("url")
                        .getAsString());
            }
        }
        return urls;
    }

    /** Console errors, uncaught exceptions and browser log errors since the page was opened. */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (JsonObject e : events) {
            JsonObject p = e.getAsJsonObject("params");
            switch (method(e)) {
                case "Runtime.consoleAPICalled" -> {
                    String type = p.get("type").getAsString();
                    if (type.equals("error") || type.equals("assert")) {
                        errors.add("console." + type + ": " + p.get("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add("exception: " + p.get("exceptionDetails"));
                case "Log.entryAdded" -> {
                    JsonObject entry = p.getAsJsonObject("entry");
                    if (entry.get("level").getAsString().equals("error")) {
                        errors.add("log: " + entry.get("text").getAsString() + " " + entry.get("url"));
                    }
                }
                default -> {}
            }
        }
        return errors;
    }

    private JsonObject send(String method, JsonObject params) throws Exception {
        return send(session, method, params);
    }

    private JsonObject send(String sessionId, String method, JsonObject params) throws Exception {
        long id = ids.incrementAndGet();
        JsonObject message = obj("id", id, "method", method);
        message.add("params", params);
        if (sessionId != null) {
            message.addProperty("sessionId", sessionId);
        }
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (socket) {
            socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        JsonObject r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.getAsJsonObject("result");
    }

    private CompletableFuture<JsonObject> waitFor(Predicate<JsonObject> test) {
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        waiters.add(f);
        waiterTests.add(test);
        return f;
    }

    private static String method(JsonObject e) {
        return e.has("method") ? e.get("method").getAsString() : "";
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = JsonParser.parseString(text.toString()).getAsJsonObject();
                text.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonObject> f =
                            pending.remove(message.get("id").getAsLong());
                    if (f != null) {
                        f.complete(message);
                    }
                } else {
                    events.add(message);
                    for (int i = 0; i < waiters.size(); i++) {
                        if (!waiters.get(i).isDone() && waiterTests.get(i).test(message)) {
                            waiters.get(i).complete(message);
                        }
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }

    static JsonObject obj(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String k = (String) keysAndValues[i];
            Object v = keysAndValues[i + 1];
            if (v instanceof Number n) {
                o.addProperty(k, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(k, b);
            } else {
                o.addProperty(k, String.valueOf(v));
            }
        }
        return o;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Directories.deleteQuietly(profile);
    }
}
