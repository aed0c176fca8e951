package org.backpropgrader.grader.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.backpropgrader.reference.Tensor;

/**
 * Vets each exercise's implementation before any submitted code runs: the implementing class and every submission
 * class it can reach (names in its code, transitively: a helper it calls, its superclass, a lambda's class) may
 * reference outside the submission only what the {@link ApiAllowlist} allows. An exercise whose classes reference
 * anything else is {@link Implementation.Refused}; a shared helper that does so taints every exercise that uses it,
 * and only those.
 *
 * <p>Why reachability is enough: a runner loads only the implementing class by name, and the JVM loads the others
 * only as the code names them. Reflection, class loaders and {@code ServiceLoader}, which could load an unnamed
 * class, are refused.
 *
 * <p>A name counts as the submission's only if the submission holds it and it is not in a package of the JDK or of
 * the grader's class path: class loaders ask their parent first, so such a class would be the grader's, not the
 * student's, and is judged by the allowlist like any other. A name that exists nowhere (a class the student forgot
 * to submit) is left to fail when it is used, as a {@code NoClassDefFoundError}.
 */
final class ForbiddenApiCheck {
    /** Packages of the child JVM's and the grader's class paths, by prefix; the JDK's others are asked of its modules. */
    private static final List<String> GRADER_PACKAGES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "org.backpropgrader.",
            "com.google.gson.",
            "org.junit.",
            "org.opentest4j.",
            "org.apiguardian.",
            "org.apache.commons.",
            "org.objectweb.asm.");

    private static final AtomicBoolean WARMING_UP = new AtomicBoolean();

    private final Map<String, SubmittedBytes> classes;
    private final ApiAllowlist allowlist;
    /** Per submission class: its forbidden uses and the submission classes it names; computed once. */
    private final Map<String, Vetted> vetted = new HashMap<>();

    private final Map<String, Boolean> submitted = new HashMap<>();
    private final Map<String, Boolean> onGraderClassPath = new HashMap<>();

    /**
     * A class file of the submission and where it was found. A class, not a record: a record's equals and hashCode
     * would compare the bytes by identity.
     */
    static final class SubmittedBytes {
        private final String file;
        private final byte[] bytes;

        SubmittedBytes(String file, byte[] bytes) {
            this.file = file;
            this.bytes = bytes;
        }

        String file() {
            return file;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private record Vetted(List<ForbiddenUse> uses, Set<String> reaches, String unreadable) {}

    /** @param classes the submission's classes by binary name */
    ForbiddenApiCheck(Map<String, SubmittedBytes> classes, ApiAllowlist allowlist) {
        this.classes = classes;
        this.allowlist = allowlist;
    }

    /**
     * Once per JVM, loads ASM and fills the allowlist's caches on a background thread: about 15 ms of CPU that a
     * single {@code check} or {@code grade} would otherwise spend before its first answer, mostly while javac compiles
     * the sources on the caller's thread. Reads only the grader's own classes.
     */
    static void warmUpInBackground() {
        if (!WARMING_UP.compareAndSet(false, true)) {
            return;
        }
        Thread warmUp = new Thread(
                () -> {
                    try (InputStream in = ForbiddenApiCheck.class.getResourceAsStream("ForbiddenApiCheck.class")) {
                        if (in != null) {
                            ClassScan scan = ClassScan.of(in.readAllBytes());
                            ForbiddenApiCheck check = new ForbiddenApiCheck(Map.of(), ApiAllowlist.DEFAULT);
                            scan.uses().forEach(check::refused);
                            ApiAllowlist.DEFAULT.refusedMember(
                                    Tensor.class.getName(),
                                    "add",
                                    "(D)" + org.objectweb.asm.Type.getDescriptor(Tensor.class));
                        }
                    } catch (IOException | RuntimeException e) {
                        // only a head start: the check itself reports what it cannot read
                    }
                },
                "forbidden-api-check warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** {@code implementations} with each {@link Implementation.Found} that fails the check replaced. */
    Map<String, Implementation> vet(Map<String, Implementation> implementations) {
        Map<String, Implementation> result = new LinkedHashMap<>();
        for (Map.Entry<String, Implementation> e : implementations.entrySet()) {
            result.put(e.getKey(), e.getValue() instanceof Implementation.Found f ? vet(f) : e.getValue());
        }
        return result;
    }

    private Implementation vet(Implementation.Found found) {
        String root = found.className();
        if (!isSubmitted(root)) {
            return new Implementation.Unloadable(root + " is in " + ApiPattern.packageOf(root) + ", a package of the"
                    + " JDK or the grader: put it in a package of your own");
        }
        List<ForbiddenUse> uses = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(List.of(root));
        Deque<String> queue = new ArrayDeque<>(seen);
        while (!queue.isEmpty()) {
            String name = queue.removeFirst();
            Vetted v = vetted.computeIfAbsent(name, this::vetClass);
            if (v.unreadable() != null) {
                return new Implementation.Unloadable(v.unreadable());
            }
            uses.addAll(v.uses());
            for (String next : v.reaches()) {
                if (seen.add(next)) {
                    queue.addLast(next);
                }
            }
        }
        return uses.isEmpty() ? found : new Implementation.Refused(root, uses);
    }

    private Vetted vetClass(String name) {
        SubmittedBytes submitted = classes.get(name);
        ClassScan scan;
        try {
            scan = ClassScan.of(submitted.bytes());
        } catch (IllegalArgumentException e) {
            return new Vetted(
                    List.of(),
                    Set.of(),
                    submitted.file() + " cannot be read to check what it uses (" + e.getMessage()
                            + "): compile it again");
        }
        String file = scan.sourceFile() != null ? scan.sourceFile() : submitted.file();
        List<ForbiddenUse> uses = new ArrayList<>();
        Set<String> apis = new LinkedHashSet<>();
        List<ClassScan.Use> inLineOrder = new ArrayList<>(scan.uses());
        inLineOrder.sort(Comparator.comparingInt(ClassScan.Use::line)); // stable: class file order within a line
        for (ClassScan.Use use : inLineOrder) {
            String api = refused(use);
            if (api != null && apis.add(api)) { // each API once, where it is first used
                uses.add(new ForbiddenUse(api, use.kind() == ClassScan.Kind.NATIVE, file, use.line()));
            }
        }
        Set<String> reaches = new LinkedHashSet<>();
        for (String type : scan.namedTypes()) {
            if (!type.equals(name) && isSubmitted(type)) {
                reaches.add(type);
            }
        }
        return new Vetted(uses, reaches, null);
    }

    /** What {@code use} uses that is refused, or null. */
    private String refused(ClassScan.Use use) {
        if (use.kind() == ClassScan.Kind.NATIVE) {
            return ApiAllowlist.display(use.owner()) + "." + use.name();
        }
        if (isSubmitted(use.owner())) {
            return null;
        }
        String api = switch (use.kind()) {
            case SUPERTYPE -> allowlist.refusedSupertype(use.owner());
            case TYPE -> allowlist.refusedType(use.owner());
            case MEMBER -> allowlist.refusedMember(use.owner(), use.name(), use.descriptor());
            case BOOTSTRAP -> allowlist.refusedBootstrap(use.owner(), use.name());
            case NATIVE -> throw new AssertionError(use);
        };
        if (api != null && !classes.containsKey(use.owner()) && !onGraderClassPath(use.owner())) {
            return null; // exists nowhere: a NoClassDefFoundError when used, not a way out
        }
        return api;
    }

    /** Whether a class loader for the submission would load {@code name} from the submission. */
    private boolean isSubmitted(String name) {
        return classes.containsKey(name) && submitted.computeIfAbsent(name, n -> !isGraderPackage(n));
    }

    private static boolean isGraderPackage(String name) {
        for (String prefix : GRADER_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return isJdkPackage(ApiPattern.packageOf(name));
    }

    /** Whether a module of the JDK holds {@code pkg} ({@code org.w3c.dom}, {@code org.ietf.jgss}…). */
    private static boolean isJdkPackage(String pkg) {
        for (Module m : ModuleLayer.boot().modules()) {
            if (m.getPackages().contains(pkg)) {
                return true;
            }
        }
        return false;
    }

    private boolean onGraderClassPath(String name) {
        return onGraderClassPath.computeIfAbsent(
                name, n -> ForbiddenApiCheck.class.getClassLoader().getResource(resource(n)) != null);
    }

    private static String resource(String binaryName) {
        return binaryName.replace('.', '/') + ".class";
    }
}
