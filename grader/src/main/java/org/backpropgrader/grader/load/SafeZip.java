package org.backpropgrader.grader.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the wanted entries of a zip or jar into memory, refusing the whole archive when an entry's path would escape
 * the folder it is extracted to ("zip slip") or when it inflates beyond {@link Limits} ("zip bomb").
 */
final class SafeZip {
    /**
     * An entry: its normalised path ({@code /}-separated, relative, no {@code .} or {@code ..}) and its bytes. A class,
     * not a record: a record's equals and hashCode would compare the bytes by identity.
     */
    static final class Entry {
        private final String name;
        private final byte[] bytes;

        Entry(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        String name() {
            return name;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private SafeZip() {}

    /**
     * The wanted entries, sorted by name. Directories, hidden files and {@code __MACOSX/} are skipped, but every entry
     * name is checked for zip slip first: an archive with one hostile name is refused as a whole.
     */
    static List<Entry> read(Path archive, Limits limits, Predicate<String> wanted) throws SubmissionException {
        try {
            return read(archive, limits, wanted, StandardCharsets.UTF_8);
        } catch (NotUtf8 e) {
            // zips made by Windows' own zip tool and other older tools name entries in the DOS code page
            return read(archive, limits, wanted, Charset.forName("IBM437"));
        }
    }

    /** The entry names are not UTF-8: read them again in another charset. */
    private static final class NotUtf8 extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotUtf8() {
            super(null, null, false, false);
        }
    }

    private static List<Entry> read(Path archive, Limits limits, Predicate<String> wanted, Charset charset)
            throws SubmissionException {
        String file = String.valueOf(archive.getFileName());
        try (ZipFile zip = new ZipFile(archive.toFile(), charset)) {
            if (zip.size() > limits.maxEntries()) {
                throw new SubmissionException(file + " has " + zip.size() + " entries, more than the "
                        + limits.maxEntries() + " a submission may have");
            }
            List<ZipEntry> selected = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = normalise(file, entry.getName());
                if (!entry.isDirectory() && !isIgnored(name) && wanted.test(name)) {
                    selected.add(entry);
                }
            }
            selected.sort(Comparator.comparing(ZipEntry::getName));
            List<Entry> result = new ArrayList<>(selected.size());
            long[] total = {0};
            for (ZipEntry entry : selected) {
                result.add(new Entry(normalise(file, entry.getName()), inflate(file, zip, entry, limits, total)));
            }
            return result;
        } catch (ZipException | IllegalArgumentException e) {
            boolean badName = e instanceof IllegalArgumentException
                    || String.valueOf(e.getMessage()).contains("bad entry name");
            if (badName && charset.equals(StandardCharsets.UTF_8)) {
                throw new NotUtf8();
            }
            throw new SubmissionException(file + " is not a readable zip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SubmissionException("cannot read " + file + ": " + e, e);
        }
    }

    private static byte[] inflate(String file, ZipFile zip, ZipEntry entry, Limits limits, long[] total)
            throws IOException, SubmissionException {
        long compressed = Math.max(1, entry.getCompressedSize()); // ZipFile reads exactly this many bytes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                total[0] += n;
                if (total[0] > limits.maxTotalBytes()) {
                    throw new SubmissionException(file + " inflates to more than " + mib(limits.maxTotalBytes())
                            + " (at entry '" + entry.getName() + "'): refusing it as a zip bomb");
                }
                if (size > limits.ratioCheckBytes() && size / compressed > limits.maxRatio()) {
                    throw new SubmissionException(file + ": entry '" + entry.getName() + "' inflates more than "
                            + limits.maxRatio() + " times (" + compressed + " bytes to over " + size
                            + "): refusing it as a zip bomb");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw new SubmissionException(
                    file + ": entry '" + entry.getName() + "' is corrupt (" + e.getMessage() + ")", e);
        }
        return out.toByteArray();
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /**
     * The entry's path, {@code /}-separated with {@code .} and {@code ..} resolved; refused if it is absolute, has a
     * drive letter, or climbs above the extraction folder.
     */
    static String normalise(String file, String entryName) throws SubmissionException {
        String name = entryName.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
            throw slip(file, entryName);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw slip(file, entryName);
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static SubmissionException slip(String file, String entryName) {
        return new SubmissionException(file + ": entry '" + entryName
                + "' points outside the folder it would be extracted to (zip slip); refusing the whole zip");
    }

    /** Hidden files and folders ({@code .git/}, {@code ._Foo.java}) and macOS's {@code __MACOSX/} resource forks. */
    static boolean isIgnored(String normalisedPath) {
        for (String part : normalisedPath.split("/", -1)) {
            if (part.startsWith(".") || part.equals("__MACOSX")) {
                return true;
            }
        }
        return normalisedPath.isEmpty();
    }
}
