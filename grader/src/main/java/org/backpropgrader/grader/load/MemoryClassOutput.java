package org.backpropgrader.grader.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * A file manager that keeps the class files javac writes in memory, by their path ({@code notebook/Mse.class}), and
 * otherwise reads as the standard one does. The loader vets those bytes and writes them once, where runners load
 * them: javac's own class files were written, listed, read back and written again, and on a file system that
 * scans recently freed inodes for every file it creates (ext4 without a journal, as here) creating files was a third of
 * a loader thread's time.
 *
 * <p>One instance serves every compilation of a {@link SourceCompiler}: javac's reused contexts keep the file manager
 * of their first task (its class writer holds it), so the output is collected per compilation ({@link #collect()})
 * rather than per instance.
 */
final class MemoryClassOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private Map<String, byte[]> classes = new TreeMap<>();

    MemoryClassOutput(StandardJavaFileManager files) {
        super(files);
    }

    /** The class files written since the last call, by path in sorted order; starts collecting anew. */
    Map<String, byte[]> collect() {
        Map<String, byte[]> written = classes;
        classes = new TreeMap<>();
        return written;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(
            Location location, String className, JavaFileObject.Kind kind, FileObject sibling) throws IOException {
        if (location != StandardLocation.CLASS_OUTPUT || kind != JavaFileObject.Kind.CLASS) {
            // -proc:none and -implicit:none: javac writes nothing else
            throw new IOException("the grader's compiler writes only class files, not " + kind + " " + className);
        }
        String path = className.replace('.', '/') + kind.extension;
        URI uri;
        try {
            uri = new URI("memory", null, "/" + path, null);
        } catch (URISyntaxException e) {
            throw new IOException("cannot name the class file of " + className, e);
        }
        return new SimpleJavaFileObject(uri, kind) {
            @Override
            public OutputStream openOutputStream() {
                return new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        classes.put(path, toByteArray());
                    }
                };
            }
        };
    }
}
