package org.backpropgrader.grader.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The allowlist's decisions on single references, by binary name and JVM descriptor as a class file holds them. A
 * decision is null when allowed, else the API a message names.
 */
class ApiAllowlistTest {
    private static final ApiAllowlist BUILT_IN = ApiAllowlist.DEFAULT;

    @Nested
    class Members {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "java.lang.Math             | exp              | (D)D",
                    "java.lang.String           | format           | (Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;",
                    "java.lang.Integer          | parseInt         | (Ljava/lang/String;)I",
                    "java.lang.Object           | getClass         | ()Ljava/lang/Class;",
                    "java.lang.System           | arraycopy        | (Ljava/lang/Object;ILjava/lang/Object;II)V",
                    "java.lang.System           | out              | Ljava/io/PrintStream;",
                    "java.lang.System           | nanoTime         | ()J",
                    "java.io.PrintStream        | println          | (Ljava/lang/String;)V",
                    "java.lang.Class            | desiredAssertionStatus | ()Z",
                    "java.lang.IllegalStateException | <init>    | (Ljava/lang/String;)V",
                    "java.lang.Throwable        | addSuppressed    | (Ljava/lang/Throwable;)V",
                    "java.lang.Enum             | valueOf          | (Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Enum;",
                    "java.util.ArrayList        | <init>           | ()V",
                    "java.util.Objects          | requireNonNull   | (Ljava/lang/Object;)Ljava/lang/Object;",
                    "java.util.stream.Collectors | toList          | ()Ljava/util/stream/Collector;",
                    "java.util.function.Function | identity        | ()Ljava/util/function/Function;",
                    "java.util.Locale           | getDefault       | ()Ljava/util/Locale;",
                    "org.backpropgrader.reference.Tensor | onesLike | (Lorg/backpropgrader/reference/Tensor;)Lorg/backpropgrader/reference/Tensor;",
                    "org.backpropgrader.reference.Tensor | toString | ()Ljava/lang/String;",
                    "org.backpropgrader.reference.Tensor$MaxResult | indices | ()Lorg/backpropgrader/reference/Tensor;",
                    "org.backpropgrader.reference.Generator | randn | ([I)Lorg/backpropgrader/reference/Tensor;",
                    "org.backpropgrader.exercises.mselinear.MseLinearForward | diff | ()Lorg/backpropgrader/reference/Tensor;",
                    "org.backpropgrader.exercises.mselinear.MseLinearBackward | hashCode | ()I",
                })
        void allowed(String owner, String name, String descriptor) {
            assertNull(BUILT_IN.refusedMember(owner, name, descriptor));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "java.lang.System           | exit             | (I)V                     | java.lang.System.exit",
                    "java.lang.System           | getenv           | (Ljava/lang/String;)Ljava/lang/String; | java.lang.System.getenv",
                    "java.lang.System           | setOut           | (Ljava/io/PrintStream;)V | java.lang.System.setOut",
                    "java.lang.System           | in               | Ljava/io/InputStream;    | java.lang.System.in",
                    "java.lang.Class            | forName          | (Ljava/lang/String;)Ljava/lang/Class; | java.lang.Class.forName",
                    "java.lang.Class            | getClassLoader   | ()Ljava/lang/ClassLoader; | java.lang.Class.getClassLoader",
                    "java.io.PrintStream        | <init>           | (Ljava/lang/String;)V    | new java.io.PrintStream",
                    "java.io.PrintStream        | close            | ()V                      | java.io.PrintStream.close",
                    "java.lang.Integer          | getInteger       | (Ljava/lang/String;)Ljava/lang/Integer; | java.lang.Integer.getInteger",
                    "java.lang.Boolean          | getBoolean       | (Ljava/lang/String;)Z    | java.lang.Boolean.getBoolean",
                    "java.util.TimeZone         | setDefault       | (Ljava/util/TimeZone;)V  | java.util.TimeZone.setDefault",
                    "java.lang.Runtime          | getRuntime       | ()Ljava/lang/Runtime;    | java.lang.Runtime",
                    "java.lang.Thread           | sleep            | (J)V                     | java.lang.Thread",
                    "java.lang.Thread$State     | values           | ()[Ljava/lang/Thread$State; | java.lang.Thread.State",
                    "java.lang.ProcessHandle    | current          | ()Ljava/lang/ProcessHandle; | java.lang.ProcessHandle",
                    "java.lang.ClassLoader      | getSystemClassLoader | ()Ljava/lang/ClassLoader; | java.lang.ClassLoader",
                    "java.lang.StackWalker      | getInstance      | ()Ljava/lang/StackWalker; | java.lang.StackWalker",
                    "java.lang.ThreadLocal      | <init>           | ()V                      | java.lang.ThreadLocal",
                    "java.lang.ref.Cleaner      | create           | ()Ljava/lang/ref/Cleaner; | java.lang.ref.Cleaner",
                    "java.lang.reflect.Array    | newInstance      | (Ljava/lang/Class;I)Ljava/lang/Object; | java.lang.reflect.Array",
                    "java.lang.invoke.MethodHandles | lookup       | ()Ljava/lang/invoke/MethodHandles$Lookup; | java.lang.invoke.MethodHandles",
                    "java.lang.invoke.LambdaMetafactory | metafactory | (Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite; | java.lang.invoke.LambdaMetafactory",
                    "java.util.ServiceLoader    | load             | (Ljava/lang/Class;)Ljava/util/ServiceLoader; | java.util.ServiceLoader",
                    "java.util.ResourceBundle   | getBundle        | (Ljava/lang/String;)Ljava/util/ResourceBundle; | java.util.ResourceBundle",
                    "java.util.Timer            | <init>           | ()V                      | java.util.Timer",
                    "java.util.Formatter        | <init>           | (Ljava/lang/String;)V    | java.util.Formatter",
                    "java.util.concurrent.ThreadLocalRandom | current | ()Ljava/util/concurrent/ThreadLocalRandom; | java.util.concurrent.ThreadLocalRandom",
                    "java.util.concurrent.Executors | newFixedThreadPool | (I)Ljava/util/concurrent/ExecutorService; | java.util.concurrent.Executors",
                    "java.util.logging.Logger   | getLogger        | (Ljava/lang/String;)Ljava/util/logging/Logger; | java.util.logging.Logger",
                    "java.util.prefs.Preferences | userRoot        | ()Ljava/util/prefs/Preferences; | java.util.prefs.Preferences",
                    "java.io.FileOutputStream   | <init>           | (Ljava/lang/String;)V    | java.io.FileOutputStream",
                    "java.net.URL               | openStream       | ()Ljava/io/InputStream;  | java.net.URL",
                    "sun.misc.Unsafe            | allocateMemory   | (J)J                     | sun.misc.Unsafe",
                    "jdk.internal.misc.Unsafe   | getUnsafe        | ()Ljdk/internal/misc/Unsafe; | jdk.internal.misc.Unsafe",
                    "org.backpropgrader.reference.Autograd | gradients | (Lorg/backpropgrader/reference/Tensor;[Lorg/backpropgrader/reference/Tensor;)Ljava/util/List; | org.backpropgrader.reference.Autograd",
                    "org.backpropgrader.reference.Exp | <init>    | ()V                      | org.backpropgrader.reference.Exp",
                    "org.backpropgrader.reference.GraphRecording | isRecording | ()Z       | org.backpropgrader.reference.GraphRecording",
                    "org.backpropgrader.reference.Tensor | <init>   | ([I[FLorg/backpropgrader/reference/Function;)V | new org.backpropgrader.reference.Tensor",
                    "org.backpropgrader.reference.Tensor | gradFn   | Lorg/backpropgrader/reference/Function; | org.backpropgrader.reference.Tensor.gradFn",
                    "org.backpropgrader.exercises.mselinear.MseLinear | forward | (Lorg/backpropgrader/reference/Generator;)Lorg/backpropgrader/exercises/mselinear/MseLinearForward; | org.backpropgrader.exercises.mselinear.MseLinear",
                    "org.backpropgrader.exercises.Exercises | all   | ()Ljava/util/List;        | org.backpropgrader.exercises.Exercises",
                    "org.backpropgrader.grader.truth.Truth | compute | ()V                    | org.backpropgrader.grader.truth.Truth",
                    "com.google.gson.Gson       | <init>           | ()V                      | com.google.gson.Gson",
                })
        void refused(String owner, String name, String descriptor, String api) {
            assertEquals(api, BUILT_IN.refusedMember(owner, name, descriptor));
        }

        /** A static method is inherited: {@code SimpleTimeZone.setDefault} is {@code TimeZone.setDefault}. */
        @Test
        void restrictedStaticMethodThroughAnAllowedSubclassIsStillRefused() {
            assertNull(BUILT_IN.refusedMember("java.util.SimpleTimeZone", "getRawOffset", "()I"));
            assertEquals(
                    "java.util.TimeZone.setDefault",
                    BUILT_IN.refusedMember("java.util.SimpleTimeZone", "setDefault", "(Ljava/util/TimeZone;)V"));
        }
    }

    @Nested
    class Types {
        @Test
        void supertypesMustBeAllowedWhole() {
            for (String ok : List.of(
                    "java.lang.Object",
                    "java.lang.RuntimeException",
                    "java.lang.Record",
                    "java.lang.Enum",
                    "java.lang.Comparable",
                    "java.lang.AutoCloseable",
                    "java.util.AbstractList",
                    "java.util.Iterator",
                    "java.util.function.Function",
                    "java.io.Serializable",
                    "org.backpropgrader.exercises.mselinear.MseLinearBackward")) {
                assertNull(BUILT_IN.refusedSupertype(ok), ok);
            }
            // mixed types: extending one would reach its refused members through the subclass
            for (String refused : List.of(
                    "java.util.TimeZone",
                    "java.io.PrintStream",
                    "java.lang.Thread",
                    "java.lang.ClassLoader",
                    "java.lang.SecurityManager",
                    "java.util.TimerTask",
                    "org.backpropgrader.reference.Tensor",
                    "java.io.InputStream")) {
                assertEquals(ApiAllowlist.display(refused), BUILT_IN.refusedSupertype(refused), refused);
            }
        }

        @Test
        void mixedTypesMayBeNamedButNotRefusedOnes() {
            assertNull(BUILT_IN.refusedType("java.lang.System"));
            assertNull(BUILT_IN.refusedType("java.io.PrintStream"));
            assertNull(BUILT_IN.refusedType("java.lang.ArithmeticException"));
            assertNull(BUILT_IN.refusedType("org.backpropgrader.reference.Tensor"));
            assertEquals("java.lang.Thread", BUILT_IN.refusedType("java.lang.Thread"));
            assertEquals("java.lang.Process", BUILT_IN.refusedType("java.lang.Process"));
            assertEquals("java.util.Scanner", BUILT_IN.refusedType("java.util.Scanner"));
            assertEquals("java.lang.invoke.MethodHandle", BUILT_IN.refusedType("java.lang.invoke.MethodHandle"));
        }
    }

    @Nested
    class Bootstraps {
        @Test
        void javacsBootstrapsOnly() {
            assertNull(BUILT_IN.refusedBootstrap("java.lang.invoke.LambdaMetafactory", "metafactory"));
            assertNull(BUILT_IN.refusedBootstrap("java.lang.invoke.LambdaMetafactory", "altMetafactory"));
            assertNull(BUILT_IN.refusedBootstrap("java.lang.invoke.StringConcatFactory", "makeConcatWithConstants"));
            assertNull(BUILT_IN.refusedBootstrap("java.lang.runtime.ObjectMethods", "bootstrap"));
            assertNull(BUILT_IN.refusedBootstrap("java.lang.runtime.SwitchBootstraps", "typeSwitch"));
            assertEquals(
                    "java.lang.invoke.ConstantBootstraps.getStaticFinal",
                    BUILT_IN.refusedBootstrap("java.lang.invoke.ConstantBootstraps", "getStaticFinal"));
            assertEquals(
                    "java.lang.invoke.MethodHandles.lookup",
                    BUILT_IN.refusedBootstrap("java.lang.invoke.MethodHandles", "lookup"));
        }
    }

    @Nested
    class PolicyExtensions {
        @Test
        void packagePatternCoversItsTypesNotItsSubpackages() {
            ApiAllowlist time = ApiAllowlist.extendedWith(List.of("java.time.*"));
            assertNull(time.refusedMember("java.time.Instant", "now", "()Ljava/time/Instant;"));
            assertNull(time.refusedSupertype("java.time.Clock"));
            assertEquals(
                    "java.time.format.DateTimeFormatter",
                    time.refusedMember(
                            "java.time.format.DateTimeFormatter",
                            "ofPattern",
                            "(Ljava/lang/String;)Ljava/time/format/DateTimeFormatter;"));
        }

        @Test
        void typePatternWinsOverABuiltInRefusal() {
            ApiAllowlist random = ApiAllowlist.extendedWith(List.of("java.util.concurrent.ThreadLocalRandom"));
            assertNull(random.refusedMember(
                    "java.util.concurrent.ThreadLocalRandom", "current", "()Ljava/util/concurrent/ThreadLocalRandom;"));
            assertEquals(
                    "java.util.concurrent.Executors",
                    random.refusedMember(
                            "java.util.concurrent.Executors",
                            "newFixedThreadPool",
                            "(I)Ljava/util/concurrent/ExecutorService;"));
            ApiAllowlist scanner = ApiAllowlist.extendedWith(List.of("java.util.Scanner"));
            assertNull(scanner.refusedType("java.util.Scanner"));
        }

        @Test
        void memberPatternCoversEveryOverloadOfThatMemberOnly() {
            ApiAllowlist property =
                    ApiAllowlist.extendedWith(List.of("java.lang.System#getProperty", "java.io.PrintStream#<init>"));
            assertNull(property.refusedMember(
                    "java.lang.System", "getProperty", "(Ljava/lang/String;)Ljava/lang/String;"));
            assertNull(property.refusedMember(
                    "java.lang.System", "getProperty", "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;"));
            assertNull(property.refusedMember("java.io.PrintStream", "<init>", "(Ljava/io/OutputStream;)V"));
            assertEquals(
                    "java.lang.System.setProperty",
                    property.refusedMember(
                            "java.lang.System",
                            "setProperty",
                            "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;"));
            assertEquals("java.lang.Thread", property.refusedType("java.lang.Thread"));
        }

        @Test
        void malformedPatternIsNamed() {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ApiAllowlist.extendedWith(List.of("java.time.*", "java.time.**")));
            assertEquals("expected " + ApiPattern.EXPECTED + ", got \"java.time.**\"", e.getMessage());
        }
    }
}
