package org.backpropgrader.grader.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.backpropgrader.exercises.Exercise;
import org.backpropgrader.exercises.Exercises;
import org.backpropgrader.grader.files.Directories;
import org.backpropgrader.grader.load.ImplementationFinder.SubmittedClass;
import org.backpropgrader.grader.load.LoadedSubmission.Kind;
import org.backpropgrader.reference.Tensor;

/**
 * Turns a submission (a directory of classes or sources, a jar, a zip of sources or classes, a single {@code .java}
 * file) into a {@link LoadedSubmission}: compiled if need be, with the class implementing each exercise found from
 * class file headers alone, so that no student code runs in the grader's process, and each exercise's classes
 * vetted against an {@link ApiAllowlist} ({@link ForbiddenApiCheck}) before any runner sees them.
 *
 * <p>One loader keeps one {@link SourceCompiler} warm across submissions: batch grading compiles hundreds. Loading is
 * thread-safe; compilations are serialised, so parallel batches should use one loader per worker. Close the loader to
 * release the compiler's open jars.
 */
public final class SubmissionLoader implements AutoCloseable {
    private static final int RUNTIME_FEATURE = SourceCompiler.RUNTIME_FEATURE;

    private final Limits limits;
    private final List<Path> classPath;
    private final SourceCompiler compiler;
    private URLClassLoader classPathResources;

    /** A loader compiling against the {@code reference} and {@code exercises} classes the grader itself runs on. */
    public SubmissionLoader() {
        this(Limits.DEFAULT);
    }

    SubmissionLoader(Limits limits) {
        this.limits = limits;
        Set<Path> paths = new LinkedHashSet<>(); // one shaded jar holds both: then it is listed once
        paths.add(codeLocation(Tensor.class));
        paths.add(codeLocation(Exercise.class));
        this.classPath = List.copyOf(paths);
        this.compiler = new SourceCompiler(classPath);
    }

    /** The class path student sources are compiled against: where {@code reference} and {@code exercises} live. */
    public List<Path> classPath() {
        return classPath;
    }

    /**
     * Reads a submission.
     *
     * @param submission a directory of {@code .class} files (package directories below it) or of {@code .java}
     *                   sources, a {@code .jar}, a {@code .zip} of sources or classes, or one {@code .java} file
     * @param workDir    a scratch directory the caller owns: zips are extracted and sources compiled in it (its
     *                   {@code classes/} and {@code sources/} subdirectories are emptied first); it must not be
     *                   inside the submission, and must outlive the returned submission, whose {@code classesRoot}
     *                   is its {@code classes/}
     * @throws SubmissionException if the submission cannot be read at all; compile errors are not exceptions
     */
    public LoadedSubmission load(Path submission, Path workDir) throws SubmissionException {
        return load(submission, workDir, ApiAllowlist.DEFAULT);
    }

    /**
     * Reads a submission, as {@link #load(Path, Path)} does, and vets each exercise's classes against
     * {@code allowlist}: an exercise whose classes use a forbidden API is {@link Implementation.Refused}.
     */
    public LoadedSubmission load(Path submission, Path workDir, ApiAllowlist allowlist) throws SubmissionException {
        ForbiddenApiCheck.warmUpInBackground();
        if (!Files.exists(submission, LinkOption.NOFOLLOW_LINKS)) {
            throw new SubmissionException("submission not found: " + submission);
        }
        if (!Files.isReadable(submission)) {
            throw new SubmissionException("cannot read the submission " + submission + ": permission denied");
        }
        Path classesDir = workDir.resolve("classes");
        Path sourcesDir = workDir.resolve("sources");
        emptyDirectory(classesDir);
        emptyDirectory(sourcesDir);
        if (Files.isDirectory(submission)) {
            return loadDirectory(submission, classesDir, sourcesDir, allowlist);
        }
        if (!Files.isRegularFile(submission)) {
            throw new SubmissionException(submission + " is neither a directory nor a regular file");
        }
        String name = submission.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jar")) {
            return loadJar(submission, classesDir, allowlist);
        }
        if (name.endsWith(".java")) {
            List<SafeZip.Entry> source =
                    List.of(new SafeZip.Entry(submission.getFileName().toString(), readFile(submission)));
            return compileAndFind(
                    submission, Kind.SOURCES, source, null, sourcesDir, classesDir, new ArrayList<>(), allowlist);
        }
        if (name.endsWith(".zip") || startsWithZipMagic(submission)) {
            return loadZip(submission, classesDir, sourcesDir, allowlist);
        }
        throw new SubmissionException(submission.getFileName() + " is not a directory, .jar, .zip or .java file");
    }

    // ---------------------------------------------------------------------------------------------- the five kinds

    private LoadedSubmission loadDirectory(Path dir, Path classesDir, Path sourcesDir, ApiAllowlist allowlist)
            throws SubmissionException {
        List<String> javaFiles = new ArrayList<>();
        List<String> classFiles = new ArrayList<>();
        for (Path relative : listFiles(dir)) {
            String name = slashed(relative);
            if (name.endsWith(".java")) {
                javaFiles.add(name);
            } else if (name.endsWith(".class")) {
                classFiles.add(name);
            }
        }
        List<String> diagnostics = new ArrayList<>();
        if (!javaFiles.isEmpty()) {
            if (!classFiles.isEmpty()) {
                diagnostics.add(
                        "note: ignored " + classFiles.size() + " .class file(s); the .java sources were compiled");
            }
            return compileAndFind(
                    dir, Kind.SOURCES, readFiles(dir, javaFiles), dir, sourcesDir, classesDir, diagnostics, allowlist);
        }
        List<SafeZip.Entry> classes = readFiles(dir, classFiles);
        if (classes.isEmpty()) {
            diagnostics.add("error: " + dir.getFileName() + " contains no .java or .class files");
        }
        return fromClasses(dir, Kind.CLASSES, dir, classes, classesDir, diagnostics, allowlist);
    }

    /** The files' contents, within the byte limit. */
    private List<SafeZip.Entry> readFiles(Path dir, List<String> names) throws SubmissionException {
        List<SafeZip.Entry> files = new ArrayList<>();
        long total = 0;
        for (String name : names) {
            byte[] bytes = readFile(dir.resolve(name));
            total += bytes.length;
            if (total > limits.maxTotalBytes()) {
                throw new SubmissionException(dir.getFileName() + " holds more than " + limits.maxTotalBytes()
                        + " bytes of .java or .class files");
            }
            files.add(new SafeZip.Entry(name, bytes));
        }
        return files;
    }

    private LoadedSubmission loadJar(Path jar, Path classesDir, ApiAllowlist allowlist) throws SubmissionException {
        List<SafeZip.Entry> classes =
                SafeZip.read(jar, limits, name -> name.endsWith(".class") && !name.startsWith("META-INF/"));
        List<String> diagnostics = new ArrayList<>();
        if (classes.isEmpty()) {
            diagnostics.add("error: " + jar.getFileName() + " contains no .class files");
        }
        return fromClasses(jar, Kind.JAR, jar, classes, classesDir, diagnostics, allowlist);
    }

    private LoadedSubmission loadZip(Path zip, Path classesDir, Path sourcesDir, ApiAllowlist allowlist)
            throws SubmissionException {
        List<SafeZip.Entry> entries =
                SafeZip.read(zip, limits, name -> name.endsWith(".java") || name.endsWith(".class"));
        List<SafeZip.Entry> sources =
                entries.stream().filter(e -> e.name().endsWith(".java")).toList();
        List<SafeZip.Entry> classes =
                entries.stream().filter(e -> e.name().endsWith(".class")).toList();
        List<String> diagnostics = new ArrayList<>();
        if (sources.isEmpty()) {
            if (classes.isEmpty()) {
                diagnostics.add("error: " + zip.getFileName() + " contains no .java or .class files");
            }
            return fromClasses(zip, Kind.CLASS_ZIP, null, classes, classesDir, diagnostics, allowlist);
        }
        if (!classes.isEmpty()) {
            diagnostics.add("note: ignored " + classes.size() + " .class file(s); the .java sources were compiled");
        }
        return compileAndFind(zip, Kind.SOURCE_ZIP, sources, null, sourcesDir, classesDir, diagnostics, allowlist);
    }

    // ---------------------------------------------------------------------------------------------- class files

    /**
     * Finds the implementations among class files, vets them, and writes exactly the classes it read to
     * {@code classesDir} by their names, which becomes the class path of every runner. Never the submitted directory or
     * jar itself, nor the compiler's output as it stands: a symbolic link, a multi-release jar's
     * {@code META-INF/versions}, a jar's {@code Class-Path} or a file the reader skips ({@code __MACOSX/}) would hand
     * a class loader classes that the forbidden-API check never read.
     *
     * @param original the submitted directory or jar, to note classes that are not where their package says
     *                 ({@code a/b/Foo.class} for {@code a.b.Foo}: a jar made from the wrong folder, a class directory
     *                 one level too high); null for a zip and for the compiler's output
     */
    private LoadedSubmission fromClasses(
            Path source,
            Kind kind,
            Path original,
            List<SafeZip.Entry> files,
            Path classesDir,
            List<String> diagnostics,
            ApiAllowlist allowlist)
            throws SubmissionException {
        Map<String, SubmittedClass> classes = new LinkedHashMap<>();
        Map<String, byte[]> bytesByClass = new LinkedHashMap<>();
        boolean allInPlace = true;
        List<SubmittedClass> read = new ArrayList<>();
        IdentityHashMap<SubmittedClass, byte[]> bytesOf = new IdentityHashMap<>();
        for (SafeZip.Entry file : files) {
            SubmittedClass c = readClass(file, diagnostics);
            if (c != null && !c.info().isModule()) {
                read.add(c);
                bytesOf.put(c, file.bytes());
            }
        }
        // files at their proper path first, so that they win over a stray copy of the same class elsewhere
        read.sort((a, b) -> Boolean.compare(!a.inPlace(), !b.inPlace()));
        for (SubmittedClass c : read) {
            String name = c.info().thisClass();
            SubmittedClass earlier = classes.putIfAbsent(name, c);
            if (earlier != null) {
                diagnostics.add("warning: " + earlier.file() + " and " + c.file() + " both hold class " + name
                        + "; using " + earlier.file());
                continue;
            }
            bytesByClass.put(name, bytesOf.get(c));
            allInPlace &= c.inPlace();
        }
        if (original != null && !allInPlace) {
            diagnostics.add("note: some classes in " + source.getFileName() + " are not where their package says"
                    + " (e.g. " + firstMisplaced(classes) + "); the grader placed them by package");
        }
        emptyDirectory(classesDir);
        for (Map.Entry<String, byte[]> e : bytesByClass.entrySet()) {
            write(classesDir, e.getKey().replace('.', '/') + ".class", e.getValue());
        }
        Map<String, ForbiddenApiCheck.SubmittedBytes> submitted = new LinkedHashMap<>();
        classes.forEach((name, c) ->
                submitted.put(name, new ForbiddenApiCheck.SubmittedBytes(c.file(), bytesByClass.get(name))));
        Map<String, Implementation> vetted = new ForbiddenApiCheck(submitted, allowlist).vet(find(classes));
        return new LoadedSubmission(source, kind, classesDir, true, diagnostics, vetted);
    }

    private static String firstMisplaced(Map<String, SubmittedClass> classes) {
        return classes.values().stream()
                .filter(c -> !c.inPlace())
                .map(c -> c.file() + " holds " + c.info().thisClass())
                .findFirst()
                .orElse("");
    }

    /** The class's header and its problem, if any; null (with a diagnostic) if not even the header is readable. */
    private static SubmittedClass readClass(SafeZip.Entry file, List<String> diagnostics) {
        try {
            ClassFileInfo info = ClassFileInfo.parse(file.bytes());
            return new SubmittedClass(file.name(), info, versionProblem(file.name(), info));
        } catch (ClassFileInfo.FormatException e) {
            String problem = file.name() + " is not a valid class file: " + e.getMessage() + "; compile it again";
            if (e.header().isPresent()) {
                return new SubmittedClass(file.name(), e.header().get(), problem);
            }
            diagnostics.add("error: " + problem);
            return null;
        }
    }

    private static String versionProblem(String file, ClassFileInfo info) {
        if (info.javaVersion() > RUNTIME_FEATURE) {
            return file + " was compiled for Java " + info.javaVersion() + " (class file version "
                    + info.majorVersion() + "); the grader runs Java " + RUNTIME_FEATURE + ": compile with --release "
                    + RUNTIME_FEATURE;
        }
        if (info.isPreview()) {
            return file + " was compiled with --enable-preview for Java " + info.javaVersion()
                    + "; the grader does not enable preview features: compile without them";
        }
        return null;
    }

    private Map<String, Implementation> find(Map<String, SubmittedClass> classes) {
        return new ImplementationFinder(classes, this::onGraderClassPath).find(Exercises.backwardTypes());
    }

    /** Whether the child JVM will find this class outside the submission: in the JDK, reference or exercises. */
    private synchronized boolean onGraderClassPath(String className) {
        if (classPathResources == null) {
            URL[] urls = new URL[classPath.size()];
            for (int i = 0; i < urls.length; i++) {
                try {
                    urls[i] = classPath.get(i).toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            // used for getResource only: nothing is ever loaded through it
            classPathResources = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        }
        return classPathResources.getResource(className.replace('.', '/') + ".class") != null;
    }

    // ---------------------------------------------------------------------------------------------- sources

    /**
     * Compiles the sources. javac reads them where they lie in a submitted directory ({@code onDisk}) when it can read
     * them as they are; otherwise they are written to {@code sourcesDir} at their paths in the submission, so that
     * diagnostics name them as the student does, without a byte order mark (which javac 17 rejects as an illegal
     * character, and which Windows editors write), and without touching the submission itself.
     *
     * @param onDisk the directory {@code sources} were read from, at their names; null for a zip or a single file
     */
    private LoadedSubmission compileAndFind(
            Path source,
            Kind kind,
            List<SafeZip.Entry> sources,
            Path onDisk,
            Path sourcesDir,
            Path classesDir,
            List<String> diagnostics,
            ApiAllowlist allowlist)
            throws SubmissionException {
        boolean inPlace = onDisk != null && sources.stream().noneMatch(file -> hasByteOrderMark(file.bytes()));
        Path sourceRoot = (inPlace ? onDisk : sourcesDir).toAbsolutePath();
        List<Path> units = new ArrayList<>();
        for (SafeZip.Entry file : sources) {
            if (file.name().equals("module-info.java") || file.name().endsWith("/module-info.java")) {
                diagnostics.add("warning: ignored " + file.name() + ": submissions are not modules");
            } else {
                String name = file.name();
                try {
                    Path unused = sourceRoot.resolve(name); // only whether this machine can name the file
                } catch (InvalidPathException e) {
                    // e.g. "Übung/Mse.java" when the JVM runs with LANG=C and cannot encode file names
                    name = name.replaceAll("[^\\x20-\\x7E]", "_");
                    diagnostics.add("note: " + file.name() + " was compiled as " + name
                            + ": this machine cannot write its name");
                }
                // in place: javac reads again a file listFiles found (a regular file, not a link, below no link),
                // in a directory the batch staged (its own copy) or the student checks (their own)
                units.add(
                        inPlace
                                ? sourceRoot.resolve(name)
                                : write(sourceRoot, name, withoutByteOrderMark(file.bytes())));
            }
        }
        SourceCompiler.Result compilation = compiler.compile(sourceRoot, units);
        diagnostics.addAll(compilation.messages());
        if (!compilation.success()) {
            return new LoadedSubmission(
                    source,
                    kind,
                    classesDir,
                    false,
                    diagnostics,
                    guessAfterFailure(units, compilation.firstError(), compilation.errors()));
        }
        List<SafeZip.Entry> classes = new ArrayList<>();
        compilation.classes().forEach((name, bytes) -> classes.add(new SafeZip.Entry(name, bytes)));
        return fromClasses(source, kind, null, classes, classesDir, diagnostics, allowlist);
    }

    /**
     * Without classes nothing can be found for sure; an exercise whose interface a source names was attempted and did
     * not compile, the others were not submitted.
     */
    private static Map<String, Implementation> guessAfterFailure(List<Path> units, String firstError, int errors) {
        StringBuilder text = new StringBuilder();
        for (Path unit : units) {
            try {
                text.append(Files.readString(unit, StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                // unreadable as UTF-8: the compiler has said so already
            }
        }
        String reason = "the submission does not compile (" + errors + (errors == 1 ? " error" : " errors")
                + "; the first: " + firstError + ")";
        Map<String, Implementation> result = new LinkedHashMap<>();
        Exercises.backwardTypes()
                .forEach((id, type) -> result.put(
                        id,
                        text.indexOf(type.getSimpleName()) >= 0
                                ? new Implementation.Unloadable(reason)
                                : new Implementation.Missing()));
        return result;
    }

    /** The compiler every source submission of this loader goes through. */
    SourceCompiler compiler() {
        return compiler;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            compiler.close();
        } finally {
            if (classPathResources != null) {
                classPathResources.close();
                classPathResources = null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- files

    private static Path codeLocation(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }

    /** Regular files below {@code dir}, relative to it, sorted; hidden files, {@code __MACOSX} and links skipped. */
    private List<Path> listFiles(Path dir) throws SubmissionException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            Iterator<Path> it = walk.iterator();
            while (it.hasNext()) {
                Path path = it.next();
                Path relative = dir.relativize(path);
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !SafeZip.isIgnored(slashed(relative))) {
                    if (files.size() >= limits.maxEntries()) {
                        throw new SubmissionException(
                                dir.getFileName() + " holds more than " + limits.maxEntries() + " files");
                    }
                    files.add(relative);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SubmissionException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    private static byte[] readFile(Path file) throws SubmissionException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SubmissionException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} to {@code root/relative}, which must stay below {@code root}. */
    private static Path write(Path root, String relative, byte[] bytes) {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root.normalize())) {
            throw new IllegalArgumentException(
                    relative + " is outside " + root); // SafeZip and ClassFileInfo prevent it
        }
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
            return target.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Empties a directory of the caller's work directory (never following links), creating it if need be. */
    private static void emptyDirectory(Path dir) {
        try {
            Directories.empty(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work directory " + dir, e);
        }
    }

    private static byte[] withoutByteOrderMark(byte[] bytes) {
        return hasByteOrderMark(bytes) ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
    }

    private static boolean hasByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    private static boolean startsWithZipMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }
}
