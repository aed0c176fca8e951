package org.backpropgrader.grader.junit;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.exercises.Gradient;
import org.backpropgrader.grader.load.Implementation;
import org.backpropgrader.grader.load.LoadedSubmission;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.commons.util.ClassLoaderUtils;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * Turns the selectors IDEs and build tools send into the test tree. A student's class (a non-abstract class
 * implementing an exercise's {@code …Backward} interface) is an exercise, its method a gradient, and the class-path
 * root it was loaded from the submission; a class annotated {@link SelfCheck} is a whole submission.
 *
 * <ul>
 *   <li>class-path roots (a scan) and packages: every student class and {@code @SelfCheck} class found there,
 *       subject to the request's package-name filters and class-name filters other than the standard test-class
 *       pattern;
 *   <li>a class: its exercise (or, for {@code @SelfCheck}, every exercise);
 *   <li>a method: that one gradient;
 *   <li>a unique id: the submission, exercise or gradient it names.
 * </ul>
 */
final class Discovery {
    private final EngineDiscoveryRequest request;
    private final ConfigurationParameters configuration;
    private final UniqueId engineId;
    private final SubmissionCache submissions;
    /** By unique-id segment of the submission, in the order first asked for. */
    private final Map<String, Wanted> wanted = new LinkedHashMap<>();

    /** What was asked of one submission: every exercise, or some exercises with all or some of their gradients. */
    private static final class Wanted {
        final SubmissionSource source;
        boolean everyExercise;
        /** Exercise id → gradient names, or null for all of its gradients. */
        final Map<String, Set<String>> gradients = new LinkedHashMap<>();

        Wanted(SubmissionSource source) {
            this.source = source;
        }

        void exercise(String id, String gradient) {
            if (gradient == null) {
                gradients.put(id, null);
            } else if (!gradients.containsKey(id)) {
                gradients.put(id, new LinkedHashSet<>(List.of(gradient)));
            } else if (gradients.get(id) != null) {
                gradients.get(id).add(gradient);
            }
        }

        boolean includes(Exercise<?, ?> e) {
            return everyExercise || gradients.containsKey(e.id());
        }

        boolean includes(Exercise<?, ?> e, Gradient<?, ?> g) {
            if (!gradients.containsKey(e.id())) {
                return everyExercise;
            }
            Set<String> names = gradients.get(e.id());
            return names == null || names.contains(g.name());
        }
    }

    Discovery(EngineDiscoveryRequest request, UniqueId engineId, SubmissionCache submissions) {
        this.request = request;
        this.configuration = request.getConfigurationParameters();
        this.engineId = engineId;
        this.submissions = submissions;
    }

    EngineDescriptor discover() {
        // A student's classes are not named like tests: the standard test-class pattern (what the console launcher
        // applies by default: Test*, *Test, *Tests) would hide every one of them, so only other class-name filters
        // count.
        List<ClassNameFilter> chosen = request.getFiltersByType(ClassNameFilter.class).stream()
                .filter(f -> !f.toString().contains(ClassNameFilter.STANDARD_INCLUDE_PATTERN))
                .toList();
        Predicate<String> classNames = Filter.composeFilters(chosen).toPredicate();
        Predicate<String> packages = Filter.composeFilters(request.getFiltersByType(PackageNameFilter.class))
                .toPredicate();
        Predicate<String> names = name -> classNames.test(name) && packages.test(packageOf(name));
        for (ClasspathRootSelector s : request.getSelectorsByType(ClasspathRootSelector.class)) {
            ReflectionSupport.findAllClassesInClasspathRoot(s.getClasspathRoot(), Discovery::isCandidate, names)
                    .forEach(c -> selectClass(c, null));
        }
        for (PackageSelector s : request.getSelectorsByType(PackageSelector.class)) {
            ReflectionSupport.findAllClassesInPackage(s.getPackageName(), Discovery::isCandidate, names)
                    .forEach(c -> selectClass(c, null));
        }
        for (ClassSelector s : request.getSelectorsByType(ClassSelector.class)) {
            selectClass(s.getJavaClass(), null);
        }
        for (MethodSelector s : request.getSelectorsByType(MethodSelector.class)) {
            selectClass(s.getJavaClass(), s.getMethodName());
        }
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            selectUniqueId(s.getUniqueId());
        }
        return tree();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static boolean isCandidate(Class<?> c) {
        return c.isAnnotationPresent(SelfCheck.class) || exerciseOf(c).isPresent();
    }

    /** The exercise whose {@code …Backward} interface {@code c} implements, if {@code c} can be instantiated. */
    static Optional<Exercise<?, ?>> exerciseOf(Class<?> c) {
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers()) || c.isAnnotation() || c.isEnum()) {
            return Optional.empty();
        }
        Set<String> interfaces = new HashSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            collectInterfaces(k, interfaces);
        }
        for (Exercise<?, ?> e : Exercises.all()) {
            if (interfaces.contains(e.backwardType().getName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static void collectInterfaces(Class<?> type, Set<String> into) {
        for (Class<?> i : type.getInterfaces()) {
            if (into.add(i.getName())) {
                collectInterfaces(i, into);
            }
        }
    }

    private void selectClass(Class<?> c, String method) {
        if (c.isAnnotationPresent(SelfCheck.class)) {
            Wanted w = want(SubmissionSource.selfCheck(c, configuration));
            if (method == null) {
                w.everyExercise = true;
            } else {
                for (Exercise<?, ?> e : Exercises.all()) {
                    if (e.gradients().stream().anyMatch(g -> g.name().equals(method))) {
                        w.exercise(e.id(), method);
                    }
                }
            }
            return;
        }
        Optional<Exercise<?, ?>> exercise = exerciseOf(c);
        if (exercise.isEmpty()) {
            return;
        }
        if (method != null
                && exercise.get().gradients().stream().noneMatch(g -> g.name().equals(method))) {
            return; // a helper method of the student's, not a gradient
        }
        want(SubmissionSource.classPathRootOf(c, configuration))
                .exercise(exercise.get().id(), method);
    }

    private void selectUniqueId(UniqueId id) {
        List<UniqueId.Segment> segments = id.getSegments();
        if (segments.size() < 2
                || !segments.get(0).equals(engineId.getSegments().get(0))) {
            return;
        }
        UniqueId.Segment submission = segments.get(1);
        SubmissionSource source;
        if (submission.getType().equals(SubmissionSource.CLASSES)) {
            source = SubmissionSource.classPathRoot(Path.of(submission.getValue()), configuration);
        } else if (submission.getType().equals(SubmissionSource.SELF_CHECK)) {
            Optional<Class<?>> annotated = ReflectionSupport.tryToLoadClass(
                            submission.getValue(), ClassLoaderUtils.getDefaultClassLoader())
                    .toOptional();
            if (annotated.isEmpty() || !annotated.get().isAnnotationPresent(SelfCheck.class)) {
                return;
            }
            source = SubmissionSource.selfCheck(annotated.get(), configuration);
        } else {
            return;
        }
        Wanted w = want(source);
        String exercise = segment(segments, 2, Descriptors.EXERCISE);
        String gradient = segment(segments, 3, Descriptors.GRADIENT);
        if (exercise == null) {
            w.everyExercise = true;
        } else if (Exercises.byId(exercise).isPresent()) {
            w.exercise(exercise, gradient);
        }
    }

    private static String segment(List<UniqueId.Segment> segments, int index, String type) {
        return segments.size() > index && segments.get(index).getType().equals(type)
                ? segments.get(index).getValue()
                : null;
    }

    private Wanted want(SubmissionSource source) {
        return wanted.computeIfAbsent(source.segmentType() + ":" + source.segmentValue(), k -> new Wanted(source));
    }

    private EngineDescriptor tree() {
        EngineDescriptor root = new EngineDescriptor(engineId, "backprop-grader");
        for (Wanted w : merged()) {
            LoadedSubmission loaded =
                    submissions.load(w.source.path(), w.source.policy().apiAllowlist());
            Descriptors.SubmissionNode node = new Descriptors.SubmissionNode(engineId, w.source, loaded);
            for (Exercise<?, ?> e : w.source.policy().select(Exercises.all())) { // the homework: its include list
                if (!w.includes(e)) {
                    continue;
                }
                String cls = loaded.implementation(e.id()) instanceof Implementation.Found f
                        ? f.className()
                        : e.backwardType().getName();
                Descriptors.ExerciseNode exerciseNode = new Descriptors.ExerciseNode(node.getUniqueId(), e, cls);
                for (Gradient<?, ?> g : e.gradients()) {
                    if (w.includes(e, g)) {
                        exerciseNode.addChild(new Descriptors.GradientNode(exerciseNode.getUniqueId(), e, g, cls));
                    }
                }
                if (!exerciseNode.getChildren().isEmpty()) {
                    node.addChild(exerciseNode);
                }
            }
            root.addChild(node);
        }
        return root;
    }

    /**
     * A {@code @SelfCheck} class and a student class of the same class-path root name the same submission: one
     * submission node (the {@code @SelfCheck}'s, which may name a policy), so no gradient runs twice.
     */
    private List<Wanted> merged() {
        List<Wanted> result = new ArrayList<>(wanted.values());
        for (Wanted self : wanted.values()) {
            if (!self.source.segmentType().equals(SubmissionSource.SELF_CHECK)) {
                continue;
            }
            for (Wanted classes : wanted.values()) {
                if (classes.source.segmentType().equals(SubmissionSource.CLASSES)
                        && classes.source.path().equals(self.source.path())) {
                    if (!self.everyExercise) {
                        classes.gradients.forEach((id, names) -> {
                            if (names == null) {
                                self.exercise(id, null);
                            } else {
                                names.forEach(n -> self.exercise(id, n));
                            }
                        });
                        self.everyExercise |= classes.everyExercise;
                    }
                    result.remove(classes);
                }
            }
        }
        return result;
    }
}
