package org.backpropgrader.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The cgroup controllers that cap one child's memory and its number of processes and threads, where this host lets
 * the grader use them: cgroup v1's {@code memory} and {@code pids} hierarchies, or a cgroup v2 tree with both
 * controllers, writable by the grader (in practice: run as root). Each child gets a group of its own below
 * {@value #PARENT}; it joins it before {@code exec}ing bubblewrap, so everything it starts is counted from the first
 * instruction.
 *
 * <p>Measured on a cgroup v1 host: {@code pids.max=100} stopped a JVM at 81 threads ("unable to create native
 * thread"); {@code memory.limit_in_bytes=512M} OOM-killed a {@code -Xmx256m} JVM touching 1 GiB off-heap.
 */
final class Cgroups {
    static final String PARENT = "backprop-grader";
    private static final AtomicLong NEXT = new AtomicLong();

    /** One controller's parent group, and which cgroup version spells its files. */
    record Controller(Path parent, boolean v2) {}

    private final Controller memory;
    private final Controller pids;

    private Cgroups(Controller memory, Controller pids) {
        this.memory = memory;
        this.pids = pids;
    }

    /** What the host at {@code root} (normally {@code /sys/fs/cgroup}) offers; either controller may be missing. */
    static Cgroups detect(Path root) {
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            Controller both = v2Parent(root);
            return new Cgroups(both, both);
        }
        return new Cgroups(v1Parent(root.resolve("memory")), v1Parent(root.resolve("pids")));
    }

    boolean limitsMemory() {
        return memory != null;
    }

    boolean limitsProcesses() {
        return pids != null;
    }

    private static Controller v1Parent(Path hierarchy) {
        if (!Files.isRegularFile(hierarchy.resolve("cgroup.procs"))) {
            return null;
        }
        try {
            Path parent = Files.createDirectories(hierarchy.resolve(PARENT));
            removeOrphans(parent);
            return Files.isWritable(parent.resolve("cgroup.procs")) ? new Controller(parent, false) : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** A v2 parent group with the memory and pids controllers enabled for its children, or null. */
    private static Controller v2Parent(Path root) {
        try {
            List<String> available = words(root.resolve("cgroup.controllers"));
            if (!available.contains("memory") || !available.contains("pids")) {
                return null;
            }
            if (!words(root.resolve("cgroup.subtree_control")).containsAll(List.of("memory", "pids"))) {
                write(root.resolve("cgroup.subtree_control"), "+memory +pids");
            }
            Path parent = Files.createDirectories(root.resolve(PARENT));
            removeOrphans(parent);
            if (!words(parent.resolve("cgroup.subtree_control")).containsAll(List.of("memory", "pids"))) {
                write(parent.resolve("cgroup.subtree_control"), "+memory +pids");
            }
            return new Controller(parent, true);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * Removes the empty groups of graders that are gone (a grader killed with {@code kill -9} leaves its groups
     * behind). A group still holding a process cannot be removed and stays.
     */
    private static void removeOrphans(Path parent) {
        try (Stream<Path> groups = Files.list(parent)) {
            for (Path g : (Iterable<Path>) groups::iterator) {
                String name = g.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash > 0
                        && Files.isDirectory(g)
                        && name.substring(0, dash).chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(name.substring(0, dash)))
                                .isEmpty()) {
                    try {
                        Files.delete(g);
                    } catch (IOException e) {
                        // not empty, or removed by another grader meanwhile
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to tidy
        }
    }

    /**
     * A fresh group for one child, capped at {@code memoryBytes} and {@code processes}; the controllers this host
     * lacks are left out.
     */
    ChildGroup create(long memoryBytes, int processes) throws IOException {
        String name = ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
        List<Path> dirs = new ArrayList<>();
        try {
            Path memoryDir = null;
            Path pidsDir = null;
            if (memory != null) {
                memoryDir = Files.createDirectories(memory.parent().resolve(name));
                dirs.add(memoryDir);
                write(
                        memoryDir.resolve(memory.v2() ? "memory.max" : "memory.limit_in_bytes"),
                        Long.toString(memoryBytes));
                if (memory.v2()) {
                    write(memoryDir.resolve("memory.swap.max"), "0");
                }
            }
            if (pids != null) {
                pidsDir = pids.v2() && memoryDir != null
                        ? memoryDir
                        : Files.createDirectories(pids.parent().resolve(name));
                if (!dirs.contains(pidsDir)) {
                    dirs.add(pidsDir);
                }
                write(pidsDir.resolve("pids.max"), Integer.toString(processes));
            }
            return new ChildGroup(dirs, memoryDir, memory != null && memory.v2(), pidsDir, memoryBytes, processes);
        } catch (IOException | RuntimeException e) {
            new ChildGroup(dirs, null, false, null, 0, 0).close();
            throw e;
        }
    }

    /** One child's group(s): what it joins, what it ran into, and its removal. */
    static final class ChildGroup implements AutoCloseable {
        private static final long KILL_WAIT_MS = 2_000;

        private final List<Path> dirs;
        private final Path memoryDir;
        private final boolean v2;
        private final Path pidsDir;
        private final long memoryBytes;
        private final int processes;

        private ChildGroup(List<Path> dirs, Path memoryDir, boolean v2, Path pidsDir, long memoryBytes, int processes) {
            this.dirs = List.copyOf(dirs);
            this.memoryDir = memoryDir;
            this.v2 = v2;
            this.pidsDir = pidsDir;
            this.memoryBytes = memoryBytes;
            this.processes = processes;
        }

        /** The {@code cgroup.procs} files a process writes its pid into to join. */
        List<Path> procsFiles() {
            return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
        }

        /** "it exceeded the memory limit of 512 MB" when the kernel's OOM killer struck inside the group. */
        String deathCause() {
            if (memoryDir != null
                    && counter(memoryDir.resolve(v2 ? "memory.events" : "memory.oom_control"), "oom_kill") > 0) {
                return "killed at the memory limit of " + (memoryBytes >> 20) + " MB";
            }
            if (pidsDir != null && counter(pidsDir.resolve("pids.events"), "max") > 0) {
                return "it hit the limit of " + processes + " processes and threads";
            }
            return null;
        }

        /** Kills every process still in the group, waits for them, and removes the group. */
        @Override
        public void close() {
            long deadline = System.currentTimeMillis() + KILL_WAIT_MS;
            for (Path dir : dirs) {
                while (true) {
                    List<Long> left = members(dir);
                    if (left.isEmpty() || System.currentTimeMillis() > deadline) {
                        break;
                    }
                    left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                    sleepBriefly();
                }
            }
            for (Path dir : dirs) {
                while (true) {
                    try {
                        Files.deleteIfExists(dir); // a cgroup directory goes with rmdir, its files with it
                        break;
                    } catch (IOException e) {
                        if (System.currentTimeMillis() > deadline) {
                            break; // left for a later grader's removeOrphans
                        }
                        sleepBriefly(); // busy until the last process is reaped
                    }
                }
            }
        }

        private static List<Long> members(Path dir) {
            try (Stream<String> lines = Files.lines(dir.resolve("cgroup.procs"))) {
                return lines.map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(Long::parseLong)
                        .toList();
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }

        /**
         * A killed child is gone within a few milliseconds: a grading worker waits here for every submission, so
         * the poll is fine-grained (10 ms polls cost a batch about 20 ms of idle worker a submission).
         */
        private static void sleepBriefly() {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The number after {@code key} in a flat keyed file ({@code oom_kill 1}), 0 if absent. */
    static long counter(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split("\\s+", -1);
                if (parts.length == 2 && parts[0].equals(key)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: nothing known
        }
        return 0;
    }

    private static List<String> words(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.UTF_8);
    }
}
