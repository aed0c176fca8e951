package org.backpropgrader.grader.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Decides, from class file headers alone, which submitted class implements each exercise's {@code …Backward}
 * interface: a concrete class implementing it directly, through a superclass, or through a super-interface, as long
 * as those are in the submission. Nothing is loaded.
 */
final class ImplementationFinder {

    /**
     * A class of the submission.
     *
     * @param file    its path in the submission, for messages
     * @param info    its header
     * @param problem why it cannot be loaded (too new, corrupt), or null
     */
    record SubmittedClass(String file, ClassFileInfo info, String problem) {
        /** Whether the file is where a class loader looks for it: {@code a/b/Foo.class} for {@code a.b.Foo}. */
        boolean inPlace() {
            return file.equals(info.expectedPath());
        }
    }

    private final Map<String, SubmittedClass> classes;
    private final Predicate<String> onGraderClassPath;

    /**
     * @param classes           the submission's classes by binary name
     * @param onGraderClassPath whether a class that is not in the submission exists for the child JVM (the JDK,
     *                          {@code reference}, {@code exercises})
     */
    ImplementationFinder(Map<String, SubmittedClass> classes, Predicate<String> onGraderClassPath) {
        this.classes = new TreeMap<>(classes);
        this.onGraderClassPath = onGraderClassPath;
    }

    /** For every exercise ({@code Backward} interface by id, as {@code Exercises.backwardTypes()}), in order. */
    Map<String, Implementation> find(Map<String, Class<?>> backwardTypes) {
        Map<String, List<String>> implementers = new LinkedHashMap<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (SubmittedClass c : classes.values()) {
            if (!c.info().isConcrete()) {
                continue;
            }
            List<String> trouble = new ArrayList<>();
            for (String type : supertypes(c, trouble)) {
                implementers
                        .computeIfAbsent(type, t -> new ArrayList<>())
                        .add(c.info().thisClass());
            }
            problems.put(c.info().thisClass(), trouble);
        }
        Map<String, Implementation> result = new LinkedHashMap<>();
        backwardTypes.forEach((id, type) ->
                result.put(id, decide(implementers.getOrDefault(type.getName(), List.of()), problems)));
        return result;
    }

    private Implementation decide(List<String> names, Map<String, List<String>> problems) {
        if (names.isEmpty()) {
            return new Implementation.Missing();
        }
        if (names.size() > 1) {
            return new Implementation.Ambiguous(names);
        }
        String name = names.get(0);
        List<String> trouble = problems.get(name);
        if (!trouble.isEmpty()) {
            return new Implementation.Unloadable(String.join("; ", trouble));
        }
        SubmittedClass c = classes.get(name);
        if (!c.info().noArgConstructor()) {
            return new Implementation.Unloadable(name + " has no constructor without parameters; the grader creates it"
                    + " with new " + name.substring(name.lastIndexOf('.') + 1).replace('$', '.') + "()"
                    + (name.contains("$") ? ": make it a top-level or static nested class" : ""));
        }
        return new Implementation.Found(name);
    }

    /**
     * Every interface {@code c} implements, through its superclasses and super-interfaces in the submission; collects
     * in {@code trouble} the problems of those classes and the supertypes that exist nowhere.
     */
    private Set<String> supertypes(SubmittedClass c, List<String> trouble) {
        Set<String> interfaces = new LinkedHashSet<>();
        Set<String> seenClasses = new HashSet<>();
        SubmittedClass current = c;
        while (current != null && seenClasses.add(current.info().thisClass())) {
            noteProblem(current, trouble);
            for (String i : current.info().interfaces()) {
                addInterface(current, i, interfaces, trouble);
            }
            Optional<String> superName = current.info().superClass();
            if (superName.isEmpty()) {
                break;
            }
            SubmittedClass next = classes.get(superName.get());
            if (next == null) {
                checkExists(current, superName.get(), "extends", trouble);
            }
            current = next;
        }
        return interfaces;
    }

    private void addInterface(SubmittedClass from, String name, Set<String> interfaces, List<String> trouble) {
        if (!interfaces.add(name)) {
            return;
        }
        SubmittedClass i = classes.get(name);
        if (i == null) {
            checkExists(from, name, "implements", trouble);
            return;
        }
        noteProblem(i, trouble);
        for (String superInterface : i.info().interfaces()) {
            addInterface(i, superInterface, interfaces, trouble);
        }
    }

    private static void noteProblem(SubmittedClass c, List<String> trouble) {
        if (c.problem() != null && !trouble.contains(c.problem())) {
            trouble.add(c.problem());
        }
    }

    private void checkExists(SubmittedClass from, String name, String verb, List<String> trouble) {
        if (!onGraderClassPath.test(name)) {
            String message = from.info().thisClass() + " " + verb + " " + name
                    + ", which is neither in the submission nor in the JDK or the exercises: submit it too";
            if (!trouble.contains(message)) {
                trouble.add(message);
            }
        }
    }
}
