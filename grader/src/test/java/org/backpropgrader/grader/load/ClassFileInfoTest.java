package org.backpropgrader.grader.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFileInfoTest {
    @TempDir
    Path tmp;

    /** A hand-made class file whose constant pool holds one constant of every tag, Long and Double included. */
    private static byte[] everyTag() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(61);
        out.writeShort(29); // constant pool count: entries 1..28
        utf8(out, "p/Foo"); // 1
        out.writeByte(7);
        out.writeShort(1); // 2 Class p/Foo
        utf8(out, "java/lang/Object"); // 3
        out.writeByte(7);
        out.writeShort(3); // 4 Class Object
        utf8(out, "p/I"); // 5
        out.writeByte(7);
        out.writeShort(5); // 6 Class p/I
        out.writeByte(3);
        out.writeInt(42); // 7 Integer
        out.writeByte(4);
        out.writeFloat(1f); // 8 Float
        out.writeByte(5);
        out.writeLong(-1); // 9 and 10 Long
        out.writeByte(6);
        out.writeDouble(2); // 11 and 12 Double
        out.writeByte(8);
        out.writeShort(1); // 13 String
        out.writeByte(12);
        out.writeShort(15);
        out.writeShort(16); // 14 NameAndType
        utf8(out, "x"); // 15
        utf8(out, "I"); // 16
        out.writeByte(9);
        out.writeShort(2);
        out.writeShort(14); // 17 Fieldref
        out.writeByte(10);
        out.writeShort(2);
        out.writeShort(14); // 18 Methodref
        out.writeByte(11);
        out.writeShort(6);
        out.writeShort(14); // 19 InterfaceMethodref
        out.writeByte(15);
        out.writeByte(1);
        out.writeShort(17); // 20 MethodHandle
        out.writeByte(16);
        out.writeShort(16); // 21 MethodType
        out.writeByte(17);
        out.writeShort(0);
        out.writeShort(14); // 22 Dynamic
        out.writeByte(18);
        out.writeShort(0);
        out.writeShort(14); // 23 InvokeDynamic
        out.writeByte(19);
        out.writeShort(15); // 24 Module
        out.writeByte(20);
        out.writeShort(15); // 25 Package
        utf8(out, "<init>"); // 26
        utf8(out, "()V"); // 27
        utf8(out, "Code"); // 28
        out.writeShort(0x0021); // public super
        out.writeShort(2);
        out.writeShort(4);
        out.writeShort(1);
        out.writeShort(6);
        out.writeShort(1); // one field: int x
        out.writeShort(0);
        out.writeShort(15);
        out.writeShort(16);
        out.writeShort(0);
        out.writeShort(1); // one method: <init>()V with a 3-byte attribute
        out.writeShort(1);
        out.writeShort(26);
        out.writeShort(27);
        out.writeShort(1);
        out.writeShort(28);
        out.writeInt(3);
        out.write(new byte[3]);
        out.writeShort(0); // no class attributes
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s);
    }

    @Test
    void parsesEveryConstantPoolTag() throws Exception {
        ClassFileInfo info = ClassFileInfo.parse(everyTag());

        assertEquals(
                new ClassFileInfo(0, 61, 0x21, "p.Foo", Optional.of("java.lang.Object"), List.of("p.I"), true), info);
        assertTrue(info.isConcrete());
        assertEquals(17, info.javaVersion());
        assertEquals("p/Foo.class", info.expectedPath());
    }

    @Test
    void readsCompiledClassesAsReflectionSeesThem() throws Exception {
        Path out = Fixtures.compile(
                Files.createDirectories(tmp.resolve("out")),
                Map.of(
                        "p/Shapes.java", """
                        package p;
                        import java.util.function.Supplier;
                        public abstract class Shapes extends Number implements Comparable<Shapes>, Runnable {
                            static final long BIG = 1L << 40;
                            static final double HALF = 0.5;
                            final Supplier<String> s = () -> "x" + BIG + HALF;
                            protected Shapes(int size) {}
                            public static class Inner implements java.io.Serializable {}
                        }
                        """,
                        "module-info.java", "module m { exports p; }"));

        ClassFileInfo shapes = ClassFileInfo.parse(Files.readAllBytes(out.resolve("p/Shapes.class")));
        assertEquals("p.Shapes", shapes.thisClass());
        assertEquals(Optional.of("java.lang.Number"), shapes.superClass());
        assertEquals(List.of("java.lang.Comparable", "java.lang.Runnable"), shapes.interfaces());
        assertTrue(shapes.isAbstract());
        assertFalse(shapes.noArgConstructor());
        assertEquals(61, shapes.majorVersion());

        ClassFileInfo inner = ClassFileInfo.parse(Files.readAllBytes(out.resolve("p/Shapes$Inner.class")));
        assertEquals("p.Shapes$Inner", inner.thisClass());
        assertTrue(inner.noArgConstructor());
        assertEquals("p/Shapes$Inner.class", inner.expectedPath());

        ClassFileInfo module = ClassFileInfo.parse(Files.readAllBytes(out.resolve("module-info.class")));
        assertTrue(module.isModule());
        assertFalse(module.isConcrete());
        assertEquals(Optional.empty(), module.superClass());
    }

    @Test
    void everyTruncationIsAFormatException() throws Exception {
        byte[] bytes = everyTag();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            ClassFileInfo.FormatException e =
                    assertThrows(ClassFileInfo.FormatException.class, () -> ClassFileInfo.parse(cut));
            // past the interfaces table (the last 31 bytes are fields, methods, attributes) it can be attributed
            assertEquals(
                    length >= bytes.length - 31, e.header().isPresent(), "length " + length + ": " + e.getMessage());
        }
    }

    @Test
    void extraBytesAreAFormatException() throws Exception {
        byte[] padded = Arrays.copyOf(everyTag(), everyTag().length + 1);

        ClassFileInfo.FormatException e =
                assertThrows(ClassFileInfo.FormatException.class, () -> ClassFileInfo.parse(padded));
        assertEquals("1 extra bytes after the end of the class file", e.getMessage());
    }

    @Test
    void randomCorruptionIsAFormatExceptionOrAHeader() throws Exception {
        byte[] original = everyTag();
        Random random = new Random(111111);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = original.clone();
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            try {
                ClassFileInfo.parse(bytes);
            } catch (ClassFileInfo.FormatException expected) {
                // fine: the point is that nothing else is thrown
            }
        }
    }

    @Test
    void classNameThatWouldEscapeAFolderIsRejected() throws Exception {
        byte[] bytes = everyTag();
        String evil = "../Fo"; // same length as p/Foo, so the pool stays consistent
        byte[] patched = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replaceFirst("p/Foo", evil)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        ClassFileInfo.FormatException e =
                assertThrows(ClassFileInfo.FormatException.class, () -> ClassFileInfo.parse(patched));
        assertEquals("this_class is not a valid class name: '../Fo'", e.getMessage());
    }
}
