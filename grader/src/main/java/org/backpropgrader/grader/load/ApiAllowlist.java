package org.backpropgrader.grader.load;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Type;

/**
 * What submitted code may reference outside the submission: everything else is refused when the submission is
 * loaded, before any of its code runs (see {@link ForbiddenApiCheck}).
 *
 * <p>Built in:
 * <ul>
 *   <li>the engine's public types ({@code Tensor}, {@code Tensor$MaxResult}, {@code Generator},
 *       {@code ShapeMismatchException}) and their public members, but not {@code Autograd}; the exercises'
 *       {@code …Forward} and {@code …Backward} types;
 *   <li>{@code java.lang} basics: {@code Object}, {@code String}, {@code StringBuilder}, {@code Math},
 *       {@code StrictMath}, boxed types (not {@code Integer.getInteger}, {@code Long.getLong},
 *       {@code Boolean.getBoolean}, which read system properties), {@code Iterable}, {@code Comparable},
 *       {@code CharSequence}, {@code Record}, {@code Enum}, every exception and error of {@code java.lang};
 *       of {@code System} only {@code out}, {@code err}, {@code arraycopy}, {@code nanoTime},
 *       {@code currentTimeMillis}, {@code identityHashCode} and {@code lineSeparator}; of {@code Class} only
 *       {@code desiredAssertionStatus} (javac's {@code assert}); printing on a {@code PrintStream};
 *   <li>{@code java.util} (not {@code ServiceLoader}, {@code ResourceBundle}s, which load classes by name,
 *       {@code Timer}, which starts a thread, {@code Formatter} and {@code Scanner}, which open files by name,
 *       {@code Properties}, nor {@code Locale.setDefault}, {@code TimeZone.setDefault}), {@code java.util.function},
 *       {@code java.util.stream};
 *   <li>as bootstrap methods of {@code invokedynamic} and dynamic constants only: what javac emits for lambdas,
 *       string concatenation, records, enums and switches.
 * </ul>
 * Everything else is refused: reflection, {@code java.lang.invoke}, class loaders, threads, processes, files,
 * sockets, {@code Runtime}, the rest of {@code System}, {@code java.util.concurrent}, {@code sun.*}, the grader.
 *
 * <p>A policy's {@code allowApis} ({@link ApiPattern}) adds to this list and wins over its refusals.
 */
public final class ApiAllowlist {
    /** The built-in rules alone. */
    public static final ApiAllowlist DEFAULT = new ApiAllowlist(List.of());

    private static final String REFERENCE = "org.backpropgrader.reference";
    private static final String EXERCISES = "org.backpropgrader.exercises.";
    private static final Set<String> REFERENCE_INTERNALS = Set.of(REFERENCE + ".Autograd");

    /** Types whose every member may be used, and which a submitted class may extend or implement. */
    private static final Set<String> WHOLE_TYPES = Set.of(
            "java.lang.Object",
            "java.lang.String",
            "java.lang.StringBuilder",
            "java.lang.StringBuffer",
            "java.lang.CharSequence",
            "java.lang.Math",
            "java.lang.StrictMath",
            "java.lang.Number",
            "java.lang.Byte",
            "java.lang.Short",
            "java.lang.Character",
            "java.lang.Float",
            "java.lang.Double",
            "java.lang.Void",
            "java.lang.Iterable",
            "java.lang.Comparable",
            "java.lang.Runnable",
            "java.lang.AutoCloseable",
            "java.lang.Cloneable",
            "java.lang.Appendable",
            "java.lang.Record",
            "java.lang.Enum",
            "java.io.Serializable");

    /** Mixed types: only these members. None of them has a subclass that another rule allows. */
    private static final Map<String, Set<String>> ONLY_MEMBERS = Map.of(
            "java.lang.System",
                    Set.of(
                            "out",
                            "err",
                            "arraycopy",
                            "nanoTime",
                            "currentTimeMillis",
                            "identityHashCode",
                            "lineSeparator"),
            "java.lang.Class", Set.of("desiredAssertionStatus"),
            "java.io.PrintStream",
                    Set.of("print", "println", "printf", "format", "append", "write", "flush", "checkError"),
            // javac 21's dynamic constants for enum labels in a pattern switch
            "java.lang.Enum$EnumDesc", Set.of("of"),
            "java.lang.constant.ClassDesc", Set.of("of"));

    /** Otherwise harmless types with members that read or change the JVM's global state. */
    private static final Map<String, Set<String>> ALL_MEMBERS_BUT = Map.of(
            "java.lang.Integer", Set.of("getInteger"),
            "java.lang.Long", Set.of("getLong"),
            "java.lang.Boolean", Set.of("getBoolean"),
            "java.util.Locale", Set.of("setDefault"),
            "java.util.TimeZone", Set.of("setDefault"));

    /** Packages (not their subpackages) whose every type is allowed, but for {@link #REFUSED_TYPES}. */
    private static final Set<String> WHOLE_PACKAGES = Set.of("java.util", "java.util.function", "java.util.stream");

    private static final Set<String> REFUSED_TYPES = Set.of(
            "java.util.ServiceLoader",
            "java.util.ServiceLoader$Provider",
            "java.util.ResourceBundle",
            "java.util.ResourceBundle$Control",
            "java.util.ListResourceBundle",
            "java.util.PropertyResourceBundle",
            "java.util.Timer",
            "java.util.TimerTask",
            "java.util.Formatter",
            "java.util.Scanner",
            "java.util.Properties",
            "java.util.PropertyPermission");

    /** Bootstrap methods javac emits; allowed only as bootstraps, never called directly. */
    private static final Map<String, Set<String>> BOOTSTRAPS = Map.of(
            "java.lang.invoke.LambdaMetafactory", Set.of("metafactory", "altMetafactory"),
            "java.lang.invoke.StringConcatFactory", Set.of("makeConcat", "makeConcatWithConstants"),
            "java.lang.runtime.ObjectMethods", Set.of("bootstrap"),
            "java.lang.runtime.SwitchBootstraps", Set.of("typeSwitch", "enumSwitch"),
            // its method handle argument is checked like any member reference
            "java.lang.invoke.ConstantBootstraps", Set.of("invoke"));

    /** How a type outside the submission may be used; one per type, computed once per JVM. */
    private record TypeRule(boolean supertype, MemberRule members) {}

    @FunctionalInterface
    private interface MemberRule {
        boolean allows(String name, String descriptor);
    }

    private static final TypeRule REFUSED = new TypeRule(false, (n, d) -> false);
    private static final TypeRule WHOLE = new TypeRule(true, (n, d) -> true);
    private static final Map<String, TypeRule> RULES = new ConcurrentHashMap<>();
    /** The JDK, the engine and the exercises have far fewer types that code can name. */
    private static final int CACHED_RULES = 20_000;
    /** For a JDK type: its proper supertypes that {@link #ALL_MEMBERS_BUT} restricts. */
    private static final Map<String, List<String>> RESTRICTED_SUPERTYPES = new ConcurrentHashMap<>();

    private final List<ApiPattern> extensions;

    private ApiAllowlist(List<ApiPattern> extensions) {
        this.extensions = List.copyOf(extensions);
    }

    /**
     * The built-in rules plus {@code patterns} (a policy's {@code allowApis}).
     *
     * @throws IllegalArgumentException if a pattern is malformed, naming it
     */
    public static ApiAllowlist extendedWith(List<String> patterns) {
        if (patterns.isEmpty()) {
            return DEFAULT;
        }
        List<ApiPattern> parsed = new ArrayList<>();
        for (String p : patterns) {
            parsed.add(ApiPattern.parse(p));
        }
        return new ApiAllowlist(parsed);
    }

    public List<ApiPattern> extensions() {
        return extensions;
    }

    // ------------------------------------------------------------------------------- decisions: null is allowed

    /** For a type named in code (new, cast, instanceof, class literal, catch): null, or the API to name. */
    String refusedType(String type) {
        if (extensionCoversType(type) || !REFUSED.equals(rule(type))) {
            return null;
        }
        return display(type);
    }

    /** For a superclass or interface of a submitted class: null, or the API to name. */
    String refusedSupertype(String type) {
        return extensionCoversType(type) || rule(type).supertype() ? null : display(type);
    }

    /** For a field, method or constructor of a type outside the submission: null, or the API to name. */
    String refusedMember(String owner, String name, String descriptor) {
        if (coversMember(owner, name)) {
            return null;
        }
        TypeRule rule = rule(owner);
        if (REFUSED.equals(rule)) {
            return display(owner);
        }
        if (!rule.members().allows(name, descriptor)) {
            return displayMember(owner, name);
        }
        // Integer.getInteger is refused; a static method is inherited, so is it through a subclass?
        for (String restricted : restrictedSupertypes(owner)) {
            if (ALL_MEMBERS_BUT.get(restricted).contains(name) && !coversMember(restricted, name)) {
                return displayMember(restricted, name);
            }
        }
        return null;
    }

    /** For the bootstrap method of an {@code invokedynamic} or a dynamic constant: null, or the API to name. */
    String refusedBootstrap(String owner, String name) {
        Set<String> names = BOOTSTRAPS.get(owner);
        return (names != null && names.contains(name)) || coversMember(owner, name) ? null : displayMember(owner, name);
    }

    private boolean extensionCoversType(String type) {
        for (ApiPattern p : extensions) {
            if (p.coversType(type)) {
                return true;
            }
        }
        return false;
    }

    private boolean coversMember(String owner, String name) {
        for (ApiPattern p : extensions) {
            if (p.coversMember(owner, name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code java.lang.Thread$State} as a reader knows it: {@code java.lang.Thread.State}. */
    static String display(String type) {
        return type.replace('$', '.');
    }

    static String displayMember(String owner, String name) {
        return name.equals("<init>") ? "new " + display(owner) : display(owner) + "." + name;
    }

    // ------------------------------------------------------------------------------- the built-in rules

    private static TypeRule rule(String type) {
        TypeRule rule = RULES.get(type);
        if (rule == null) {
            rule = computeRule(type);
            if (RULES.size() < CACHED_RULES) { // names come from submitted class files: keep the cache bounded
                RULES.putIfAbsent(type, rule);
            }
        }
        return rule;
    }

    private static TypeRule computeRule(String type) {
        if (WHOLE_TYPES.contains(type)) {
            return WHOLE;
        }
        Set<String> only = ONLY_MEMBERS.get(type);
        if (only != null) {
            return new TypeRule(false, (n, d) -> only.contains(n));
        }
        Set<String> but = ALL_MEMBERS_BUT.get(type);
        if (but != null) {
            return new TypeRule(false, (n, d) -> !but.contains(n));
        }
        String pkg = ApiPattern.packageOf(type);
        if (WHOLE_PACKAGES.contains(pkg)) {
            return REFUSED_TYPES.contains(type) ? REFUSED : WHOLE;
        }
        if (pkg.equals("java.lang")) {
            Class<?> c = platformClass(type);
            return c != null && Throwable.class.isAssignableFrom(c) ? WHOLE : REFUSED;
        }
        if (pkg.equals(REFERENCE)) {
            return REFERENCE_INTERNALS.contains(type) ? REFUSED : publicMembers(type);
        }
        if (type.startsWith(EXERCISES) && isContractType(type)) {
            // a public interface's or record's members that code can reach are public: the JVM refuses the others
            return isPublic(type) ? WHOLE : REFUSED;
        }
        return REFUSED;
    }

    /** {@code org.backpropgrader.exercises.<id>.<Name>Forward} or {@code …Backward}, or a type nested in one. */
    private static boolean isContractType(String type) {
        String rest = type.substring(EXERCISES.length());
        int dot = rest.indexOf('.');
        if (dot < 0 || rest.indexOf('.', dot + 1) >= 0) {
            return false;
        }
        String topLevel = rest.substring(dot + 1).split("\\$", 2)[0];
        return topLevel.endsWith("Forward") || topLevel.endsWith("Backward");
    }

    /** A public type of the engine, by its public members (and {@code Object}'s). */
    private static TypeRule publicMembers(String type) {
        Class<?> c = graderClass(type);
        if (c == null || !isPublic(c)) {
            return REFUSED;
        }
        Set<String> members = new HashSet<>();
        addPublicMembers(c, members);
        addPublicMembers(Object.class, members);
        return new TypeRule(false, (n, d) -> members.contains(n + d));
    }

    private static boolean isPublic(String type) {
        Class<?> c = graderClass(type);
        return c != null && isPublic(c);
    }

    /** Public, and so is every class it is nested in. */
    private static boolean isPublic(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** One of the grader's own trusted classes, not the submission's: loading without initialising runs nothing. */
    private static Class<?> graderClass(String type) {
        try {
            return Class.forName(type, false, ApiAllowlist.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static void addPublicMembers(Class<?> c, Set<String> members) {
        for (Method m : c.getMethods()) {
            members.add(m.getName() + Type.getMethodDescriptor(m));
        }
        for (Constructor<?> k : c.getConstructors()) {
            members.add("<init>" + Type.getConstructorDescriptor(k));
        }
        for (Field f : c.getFields()) {
            members.add(f.getName() + Type.getDescriptor(f.getType()));
        }
    }

    private static List<String> restrictedSupertypes(String type) {
        if (!type.startsWith("java.")) {
            return List.of();
        }
        List<String> cached = RESTRICTED_SUPERTYPES.get(type);
        if (cached != null) {
            return cached;
        }
        List<String> computed = computeRestrictedSupertypes(type);
        if (RESTRICTED_SUPERTYPES.size() < CACHED_RULES) {
            RESTRICTED_SUPERTYPES.putIfAbsent(type, computed);
        }
        return computed;
    }

    private static List<String> computeRestrictedSupertypes(String type) {
        Class<?> c = platformClass(type);
        List<String> found = new ArrayList<>();
        if (c != null) {
            for (String restricted : ALL_MEMBERS_BUT.keySet()) {
                Class<?> r = platformClass(restricted);
                if (r != null && r != c && r.isAssignableFrom(c)) {
                    found.add(restricted);
                }
            }
        }
        return List.copyOf(found);
    }

    /** A JDK class, loaded without initialising it, or null. */
    private static Class<?> platformClass(String name) {
        try {
            return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
