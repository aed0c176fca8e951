package org.backpropgrader.grader.handout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Jars made from the grader's own class path: the files below a package prefix of wherever a marker class was
 * loaded from, a directory (running from the build's classes) or a jar (the shaded {@code grader.jar}). So a
 * handout carries exactly the code that made it, in either case.
 */
final class ClassPathJars {
    /** The files of {@code prefix} (e.g. {@code org/backpropgrader/reference/}) where {@code marker} came from. */
    record Piece(Class<?> marker, String prefix) {}

    private ClassPathJars() {}

    /** Where {@code type} was loaded from: a directory or a jar. */
    static Path root(Class<?> type) throws IOException {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            throw new IOException(type.getName() + " was not loaded from a directory or jar");
        }
        try {
            return Path.of(code.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot read where " + type.getName() + " was loaded from", e);
        }
    }

    /** A jar of the pieces' files (sorted, fixed timestamps), with {@code manifest} and the extra files given. */
    static byte[] jar(List<Piece> pieces, Manifest manifest, SortedMap<String, byte[]> extra) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>(extra);
        for (Piece piece : pieces) {
            collect(root(piece.marker()), piece.prefix(), files);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            List<String> directories = new ArrayList<>();
            for (var file : files.entrySet()) {
                String name = file.getKey();
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    String dir = name.substring(0, slash + 1);
                    if (!directories.contains(dir)) {
                        directories.add(dir);
                        JarEntry e = new JarEntry(dir);
                        e.setTime(0);
                        out.putNextEntry(e);
                        out.closeEntry();
                    }
                }
                JarEntry e = new JarEntry(name);
                e.setTime(0);
                out.putNextEntry(e);
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Manifest manifest(String mainClass) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        return m;
    }

    private static void collect(Path root, String prefix, SortedMap<String, byte[]> into) throws IOException {
        if (Files.isDirectory(root)) {
            Path base = root.resolve(prefix);
            if (!Files.isDirectory(base)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    into.putIfAbsent(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(root.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(e)) {
                        into.putIfAbsent(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }
}
