package org.backpropgrader.grader.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Everything one class file's code names outside itself, each with its source line, read with ASM's
 * {@link ClassReader} from the bytes: nothing is loaded. Names are binary names ({@code a.b.Foo$Bar}); an array
 * type counts as its element type.
 *
 * @param className  the class's binary name
 * @param sourceFile its {@code SourceFile} attribute ({@code Foo.java}), or null when compiled without it
 * @param uses       in the order they appear in the class file
 * @param namedTypes every class named anywhere in the code, descriptors included: the submission classes among
 *                   them are those this class can load
 */
record ClassScan(String className, String sourceFile, List<Use> uses, Set<String> namedTypes) {

    /** How a class uses something. */
    enum Kind {
        /** {@code owner} is its superclass or one of its interfaces. */
        SUPERTYPE,
        /** {@code owner} is named as a type: new, cast, instanceof, class literal, catch, array creation. */
        TYPE,
        /** the field, method or constructor {@code name} of {@code owner} is used, directly or as a handle. */
        MEMBER,
        /** {@code owner.name} bootstraps an {@code invokedynamic} or a dynamic constant. */
        BOOTSTRAP,
        /** the class declares the native method {@code name}. */
        NATIVE
    }

    /**
     * One use.
     *
     * @param descriptor the member's descriptor for {@link Kind#MEMBER}, else null
     * @param line       the source line, 0 when the class has no line numbers there
     */
    record Use(Kind kind, String owner, String name, String descriptor, int line) {}

    ClassScan {
        uses = List.copyOf(uses);
        namedTypes = Set.copyOf(namedTypes);
    }

    /**
     * @throws IllegalArgumentException if ASM cannot read the class, with ASM's reason
     */
    static ClassScan of(byte[] bytes) {
        Collector collector = new Collector();
        try {
            new ClassReader(bytes).accept(collector, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) { // ASM reports a damaged class as whatever index or cast went wrong
            throw new IllegalArgumentException(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        return new ClassScan(collector.className, collector.sourceFile, collector.uses, collector.named);
    }

    private static String binary(String internalName) {
        return internalName.replace('/', '.');
    }

    private static final class Collector extends ClassVisitor {
        String className;
        String sourceFile;
        final List<Use> uses = new ArrayList<>();
        final Set<String> named = new LinkedHashSet<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = binary(name);
            if (superName != null) {
                type(Kind.SUPERTYPE, superName, 0);
            }
            for (String i : interfaces) {
                type(Kind.SUPERTYPE, i, 0);
            }
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                uses.add(new Use(Kind.NATIVE, className, name, descriptor, 0));
            }
            return new Code();
        }

        /** A type given as an internal name or, for arrays, a descriptor. */
        void type(Kind kind, String internalNameOrArray, int line) {
            String element = elementType(
                    internalNameOrArray.startsWith("[")
                            ? Type.getType(internalNameOrArray)
                            : Type.getObjectType(internalNameOrArray));
            if (element != null) {
                uses.add(new Use(kind, element, null, null, line));
                named.add(element);
            }
        }

        void member(String owner, String name, String descriptor, int line) {
            String element = elementType(owner.startsWith("[") ? Type.getType(owner) : Type.getObjectType(owner));
            if (element == null) {
                return; // a method of a primitive array: clone()
            }
            uses.add(new Use(Kind.MEMBER, element, name, descriptor, line));
            named.add(element);
            descriptorTypes(descriptor);
        }

        void handle(Handle h, int line) {
            member(h.getOwner(), h.getName(), h.getDesc(), line);
        }

        void bootstrap(Handle bsm, Object[] arguments, int line) {
            uses.add(new Use(Kind.BOOTSTRAP, binary(bsm.getOwner()), bsm.getName(), bsm.getDesc(), line));
            named.add(binary(bsm.getOwner()));
            for (Object a : arguments) {
                constant(a, line);
            }
        }

        /** A constant loaded by {@code ldc} or passed to a bootstrap method. */
        void constant(Object value, int line) {
            if (value instanceof Type t) {
                if (t.getSort() == Type.METHOD) {
                    descriptorTypes(t.getDescriptor());
                } else if (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) {
                    type(Kind.TYPE, t.getSort() == Type.ARRAY ? t.getDescriptor() : t.getInternalName(), line);
                }
            } else if (value instanceof Handle h) {
                handle(h, line);
            } else if (value instanceof ConstantDynamic c) {
                descriptorTypes(c.getDescriptor());
                Object[] arguments = new Object[c.getBootstrapMethodArgumentCount()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = c.getBootstrapMethodArgument(i);
                }
                bootstrap(c.getBootstrapMethod(), arguments, line);
            }
        }

        void descriptorTypes(String descriptor) {
            if (descriptor.startsWith("(")) {
                for (Type t : Type.getArgumentTypes(descriptor)) {
                    addNamed(t);
                }
                addNamed(Type.getReturnType(descriptor));
            } else {
                addNamed(Type.getType(descriptor));
            }
        }

        private void addNamed(Type t) {
            String element = elementType(t);
            if (element != null) {
                named.add(element);
            }
        }

        /** The binary name of a class type or of an array's class element type; null for primitives. */
        private static String elementType(Type t) {
            Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
            return e.getSort() == Type.OBJECT ? binary(e.getInternalName()) : null;
        }

        /** One method's code, tracking the current line from the {@code LineNumberTable}. */
        private final class Code extends MethodVisitor {
            private int line;
            private final Map<Label, Integer> lineAt = new HashMap<>();
            private final Map<Label, List<String>> catches = new LinkedHashMap<>();

            Code() {
                super(Opcodes.ASM9);
            }

            @Override
            public void visitLineNumber(int number, Label start) {
                line = number;
                lineAt.put(start, number);
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                type(Kind.TYPE, type, line);
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                type(Kind.TYPE, descriptor, line);
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                member(owner, name, descriptor, line);
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                member(owner, name, descriptor, line);
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... arguments) {
                descriptorTypes(descriptor);
                bootstrap(bsm, arguments, line);
            }

            @Override
            public void visitLdcInsn(Object value) {
                constant(value, line);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                if (type != null) {
                    catches.computeIfAbsent(handler, h -> new ArrayList<>()).add(type);
                }
            }

            /** A catch clause's line is its handler's, known only once the code has been read. */
            @Override
            public void visitEnd() {
                for (Map.Entry<Label, List<String>> e : catches.entrySet()) {
                    for (String type : e.getValue()) {
                        type(Kind.TYPE, type, lineAt.getOrDefault(e.getKey(), 0));
                    }
                }
            }
        }
    }
}
