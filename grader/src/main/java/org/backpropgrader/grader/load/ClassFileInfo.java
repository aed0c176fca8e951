package org.backpropgrader.grader.load;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header of a class file, read from its bytes without loading it: a student's class is untrusted code, and
 * {@code Class.forName} would run its static initialiser in the grader's process. Class names are binary names
 * with dots ({@code a.b.Foo}, {@code a.b.Foo$Inner}).
 *
 * <p>{@link #parse} reads the whole file (constant pool, fields, methods, attributes) so that a truncated or padded
 * file is reported here, not later as a {@code ClassFormatError} in the child JVM.
 *
 * @param minorVersion       {@code 0xFFFF} for a class compiled with {@code --enable-preview}
 * @param majorVersion       52 for Java 8, 61 for Java 17, 65 for Java 21: the Java version plus 44
 * @param accessFlags        the class's {@code ACC_*} flags
 * @param thisClass          this class's binary name
 * @param superClass         the superclass's binary name, empty for {@code java.lang.Object} and {@code module-info}
 * @param interfaces         the directly implemented (or, for an interface, extended) interfaces' binary names
 * @param noArgConstructor   whether the class declares a constructor {@code ()V}
 */
public record ClassFileInfo(
        int minorVersion,
        int majorVersion,
        int accessFlags,
        String thisClass,
        Optional<String> superClass,
        List<String> interfaces,
        boolean noArgConstructor) {

    public static final int MAGIC = 0xCAFEBABE;
    public static final int ACC_PUBLIC = 0x0001;
    public static final int ACC_INTERFACE = 0x0200;
    public static final int ACC_ABSTRACT = 0x0400;
    public static final int ACC_MODULE = 0x8000;

    public ClassFileInfo {
        interfaces = List.copyOf(interfaces);
    }

    public boolean isInterface() {
        return (accessFlags & ACC_INTERFACE) != 0;
    }

    public boolean isAbstract() {
        return (accessFlags & ACC_ABSTRACT) != 0;
    }

    public boolean isModule() {
        return (accessFlags & ACC_MODULE) != 0;
    }

    /** A class that can be instantiated: neither an interface, nor abstract, nor a module descriptor. */
    public boolean isConcrete() {
        return !isInterface() && !isAbstract() && !isModule();
    }

    /** The Java feature release this class file targets: {@code majorVersion - 44} (65 → 21). */
    public int javaVersion() {
        return majorVersion - 44;
    }

    public boolean isPreview() {
        return minorVersion == 0xFFFF;
    }

    /** The path a class loader expects this class at: {@code a/b/Foo$Inner.class}. */
    public String expectedPath() {
        return thisClass.replace('.', '/') + ".class";
    }

    /** The bytes are not a usable class file. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ClassFileInfo header;

        FormatException(String message, ClassFileInfo header) {
            super(message);
            this.header = header;
        }

        /**
         * The header, when it was read before the damage (e.g. a file truncated after its interfaces), so the problem
         * can be attributed to the exercises the class implements.
         */
        public Optional<ClassFileInfo> header() {
            return Optional.ofNullable(header);
        }
    }

    // constant pool tags (JVMS 4.4)
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    /** Reads a class file's header and checks the rest of its structure. */
    public static ClassFileInfo parse(byte[] bytes) throws FormatException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        ClassFileInfo header = null;
        try {
            if (bytes.length < 4) {
                throw new FormatException("too short to be a class file (" + bytes.length + " bytes)", null);
            }
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new FormatException(
                        String.format(
                                "bad magic number 0x%08X (a class file starts with 0xCAFEBABE)%s",
                                magic, magicHint(magic)),
                        null);
            }
            int minor = in.readUnsignedShort();
            int major = in.readUnsignedShort();
            if (major < 45) {
                throw new FormatException("unknown class file version " + major + "." + minor, null);
            }
            int count = in.readUnsignedShort();
            int[] tags = new int[count];
            String[] utf8 = new String[count];
            int[] classNameIndex = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case UTF8 -> utf8[i] = in.readUTF();
                    case INTEGER,
                            FLOAT,
                            FIELDREF,
                            METHODREF,
                            INTERFACE_METHODREF,
                            NAME_AND_TYPE,
                            DYNAMIC,
                            INVOKE_DYNAMIC -> in.skipNBytes(4);
                    case LONG, DOUBLE -> {
                        in.skipNBytes(8);
                        i++; // an 8-byte constant takes two slots; the second one is unusable
                    }
                    case CLASS -> classNameIndex[i] = in.readUnsignedShort();
                    case STRING, METHOD_TYPE, MODULE, PACKAGE -> in.skipNBytes(2);
                    case METHOD_HANDLE -> in.skipNBytes(3);
                    default -> throw new FormatException("unknown constant pool tag " + tag + " at entry " + i, null);
                }
            }
            ConstantPool pool = new ConstantPool(tags, utf8, classNameIndex);
            int access = in.readUnsignedShort();
            String thisClass = pool.className(in.readUnsignedShort(), "this_class");
            int superIndex = in.readUnsignedShort();
            Optional<String> superClass =
                    superIndex == 0 ? Optional.empty() : Optional.of(pool.className(superIndex, "super_class"));
            int interfaceCount = in.readUnsignedShort();
            List<String> interfaces = new ArrayList<>(interfaceCount);
            for (int i = 0; i < interfaceCount; i++) {
                interfaces.add(pool.className(in.readUnsignedShort(), "interfaces[" + i + "]"));
            }
            header = new ClassFileInfo(minor, major, access, thisClass, superClass, interfaces, false);

            skipMembers(in, pool, "field");
            boolean noArg = skipMembers(in, pool, "method");
            skipAttributes(in);
            if (in.available() > 0) {
                throw new FormatException(in.available() + " extra bytes after the end of the class file", header);
            }
            return new ClassFileInfo(minor, major, access, thisClass, superClass, interfaces, noArg);
        } catch (FormatException e) {
            if (header != null && e.header().isEmpty()) {
                throw new FormatException(e.getMessage(), header);
            }
            throw e;
        } catch (EOFException e) {
            throw new FormatException(
                    "truncated: the file ends in the middle of the " + (header == null ? "header" : "class body") + " ("
                            + bytes.length + " bytes)",
                    header);
        } catch (UTFDataFormatException e) {
            throw new FormatException("malformed string in the constant pool", header);
        } catch (IOException e) {
            throw new FormatException("unreadable: " + e.getMessage(), header); // not thrown by a byte array
        }
    }

    private static String magicHint(int magic) {
        if (magic == 0x504B0304) {
            return ": this is a zip or jar, not a class";
        }
        if ((magic >>> 8) == 0x706163 || (magic >>> 8) == 0x696D70) { // "pac…", "imp…"
            return ": this looks like Java source, not a compiled class";
        }
        return "";
    }

    /** Skips a fields or methods table; for methods, tells whether a {@code <init>()V} is declared. */
    private static boolean skipMembers(DataInputStream in, ConstantPool pool, String what)
            throws IOException, FormatException {
        boolean noArgConstructor = false;
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort(); // access flags
            String name = pool.utf8(in.readUnsignedShort(), what + " name");
            String descriptor = pool.utf8(in.readUnsignedShort(), what + " descriptor");
            if ("<init>".equals(name) && "()V".equals(descriptor)) {
                noArgConstructor = true;
            }
            skipAttributes(in);
        }
        return noArgConstructor;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort(); // name index
            long length = Integer.toUnsignedLong(in.readInt());
            in.skipNBytes(length);
        }
    }

    /** The parts of a constant pool the checks read, indexed by entry (a class: records compare arrays by identity). */
    private static final class ConstantPool {
        private final int[] tags;
        private final String[] utf8;
        private final int[] classNameIndex;

        ConstantPool(int[] tags, String[] utf8, int[] classNameIndex) {
            this.tags = tags;
            this.utf8 = utf8;
            this.classNameIndex = classNameIndex;
        }

        String utf8(int index, String what) throws FormatException {
            if (index <= 0 || index >= tags.length || tags[index] != UTF8) {
                throw new FormatException(what + " points at constant pool entry " + index + ", not a string", null);
            }
            return utf8[index];
        }

        String className(int index, String what) throws FormatException {
            if (index <= 0 || index >= tags.length || tags[index] != CLASS) {
                throw new FormatException(what + " points at constant pool entry " + index + ", not a class", null);
            }
            String internal = utf8(classNameIndex[index], what);
            if (!isValidInternalName(internal)) {
                throw new FormatException(what + " is not a valid class name: '" + internal + "'", null);
            }
            return internal.replace('/', '.');
        }

        /**
         * JVMS 4.2.1: slash-separated, non-empty unqualified names without {@code . ; [ /}; and no backslash or NUL
         * either, so that a class name always makes a safe relative file path.
         */
        private static boolean isValidInternalName(String internal) {
            if (internal.isEmpty() || internal.startsWith("/") || internal.endsWith("/") || internal.contains("//")) {
                return false;
            }
            for (int i = 0; i < internal.length(); i++) {
                char c = internal.charAt(i);
                if (c == '.' || c == ';' || c == '[' || c == '\\' || c == 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
