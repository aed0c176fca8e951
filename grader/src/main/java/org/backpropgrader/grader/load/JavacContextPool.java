package org.backpropgrader.grader.load;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.Writer;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.tools.DiagnosticListener;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * javac's own pool of reusable compiler contexts ({@code com.sun.tools.javac.api.JavacTaskPool}, an unsupported API
 * of {@code jdk.compiler} that jshell runs on), when this JVM exports its package to us ({@code --add-exports
 * jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED}; the grader's jar says so in its manifest). A reused context keeps
 * the symbols javac read from the JDK and the class path, so a warm compilation of a submission costs about half as
 * much (24 to 13 ms for the model solution's eight files in a C1-only JVM). Reached by reflection because the grader
 * is compiled against the public API ({@code --release 17}).
 *
 * <p>Note [A reused context and hostile sources]. After each compilation the pool drops the classes the sources
 * declared, but not what they did to packages that exist outside the submission: sources declaring {@code
 * org.backpropgrader.reference.Tensor} leave that package's members pointing at the student's class, and the next
 * submission compiled in the context would see it. So a compilation whose sources declare a package the JDK or the
 * class path has (or a module) is the context's last: the whole pool is dropped and the next compilation starts a new
 * one. A submission's own packages ({@code notebook}) are safe: the pool removes their classes, and a later
 * submission that uses a class it does not declare gets "cannot find symbol", as with a fresh compiler.
 */
final class JavacContextPool {
    private static final String POOL = "com.sun.tools.javac.api.JavacTaskPool";
    /** Compilations a pool serves before it is replaced, so that javac's name table cannot grow without end. */
    private static final int COMPILATIONS_PER_POOL = 200;

    private final Constructor<?> newPool;
    private final Method getTask;
    private final Class<?> worker;
    private final Predicate<String> onClassPath;
    private Object pool;
    private int compilations;

    private JavacContextPool(Constructor<?> newPool, Method getTask, Class<?> worker, Predicate<String> onClassPath) {
        this.newPool = newPool;
        this.getTask = getTask;
        this.worker = worker;
        this.onClassPath = onClassPath;
    }

    /** Every package of the JDK's modules, read once. */
    private static final class JdkPackages {
        static final Set<String> ALL = ModuleFinder.ofSystem().findAll().stream()
                .flatMap(m -> m.descriptor().packages().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The pool, or empty when this JVM's {@code jdk.compiler} has none or does not export it to the grader: then
     * every compilation gets a fresh context, as the public API gives it.
     *
     * @param onClassPath whether a package has classes on the compiler's class path
     */
    static Optional<JavacContextPool> ifAvailable(Predicate<String> onClassPath) {
        Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
        if (compiler.isEmpty()
                || !compiler.get().isExported("com.sun.tools.javac.api", JavacContextPool.class.getModule())) {
            return Optional.empty();
        }
        try {
            Class<?> poolClass = Class.forName(POOL, false, ClassLoader.getPlatformClassLoader());
            Class<?> worker = Class.forName(POOL + "$Worker", false, ClassLoader.getPlatformClassLoader());
            Method getTask = poolClass.getMethod(
                    "getTask",
                    Writer.class,
                    JavaFileManager.class,
                    DiagnosticListener.class,
                    Iterable.class,
                    Iterable.class,
                    Iterable.class,
                    worker);
            return Optional.of(new JavacContextPool(poolClass.getConstructor(int.class), getTask, worker, onClassPath));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty(); // another JDK's javac: compile the public way
        }
    }

    /**
     * Compiles as {@code JavaCompiler.getTask(out, files, diagnostics, options, null, units).call()} does, in a reused
     * context when it is safe to reuse.
     */
    Boolean compile(
            Writer out,
            JavaFileManager files,
            DiagnosticListener<? super JavaFileObject> diagnostics,
            List<String> options,
            Iterable<? extends JavaFileObject> units) {
        Set<String> declared = new HashSet<>();
        boolean[] module = new boolean[1];
        TaskListener packages = new TaskListener() {
            @Override
            public void finished(TaskEvent e) {
                if (e.getKind() == TaskEvent.Kind.PARSE && e.getCompilationUnit() != null) {
                    if (e.getCompilationUnit().getModule() != null) {
                        module[0] = true;
                    }
                    declared.add(
                            e.getCompilationUnit().getPackageName() == null
                                    ? ""
                                    : e.getCompilationUnit().getPackageName().toString());
                }
            }
        };
        Object call = Proxy.newProxyInstance(
                JavacContextPool.class.getClassLoader(), new Class<?>[] {worker}, (proxy, method, args) -> {
                    if (!method.getName().equals("withTask")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    JavacTask task = (JavacTask) args[0];
                    task.addTaskListener(packages);
                    return task.call();
                });
        try {
            if (pool == null || compilations >= COMPILATIONS_PER_POOL) {
                pool = newPool.newInstance(1);
                compilations = 0;
            }
            compilations++;
            return (Boolean) getTask.invoke(pool, out, files, diagnostics, options, null, units, call);
        } catch (InvocationTargetException e) {
            pool = null; // the context may be in any state
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            pool = null;
            throw new IllegalStateException("cannot use javac's context pool", e);
        } finally {
            if (module[0] || declared.stream().anyMatch(p -> JdkPackages.ALL.contains(p) || onClassPath.test(p))) {
                pool = null; // Note [A reused context and hostile sources]
            }
        }
    }
}
