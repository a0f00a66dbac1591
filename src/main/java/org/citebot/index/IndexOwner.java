package org.citebot.index;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import org.apache.lucene.store.LockObtainFailedException;
import org.citebot.semantic.PassageEmbedder;

/**
 * The process that holds an index folder's write lock, as it recorded itself in a small file in
 * that folder, so another process refused the lock can say who has it ("citebot run (console), pid
 * 4242, since 21:03") and whether waiting makes sense. Lucene's native lock decides who writes;
 * this file only explains it. The holder writes it after taking the lock and removes it before
 * letting go; a file left by a killed process is recognised because its process is gone.
 *
 * @param pid the holder's process id
 * @param processStart when that process started, to tell it from a later process given the same
 *     id; empty when the platform does not say
 * @param command what the holder is, e.g. {@code citebot run (console)}
 * @param building true while the holder is building the index (the folder has no usable commit
 *     yet, and it lets go or starts serving soon), false once it serves
 * @param since when the holder took the lock
 */
public record IndexOwner(long pid, Optional<Instant> processStart, String command, boolean building, Instant since) {

    /** The file's name in the index folder; Lucene leaves files that are not its own alone. */
    static final String FILE_NAME = "citebot-owner.properties";

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    /** Process start times are read from the kernel twice; they may differ below this. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    /** This process, about to hold an index as {@code command}. */
    public static IndexOwner thisProcess(String command, boolean building, Clock clock) {
        ProcessHandle self = ProcessHandle.current();
        return new IndexOwner(self.pid(), self.info().startInstant(), command, building, clock.instant());
    }

    /**
     * Opens the index in {@code dir} for writing as {@code owner} and records the owner there.
     *
     * @throws IndexInUseException when another process (or another part of this one) holds the
     *     index, naming it when it recorded itself
     */
    public static PassageIndex claim(Path dir, IndexSettings settings, Clock clock, IndexOwner owner)
            throws IOException {
        return claim(dir, settings, clock, owner, Optional.empty());
    }

    /** Like {@link #claim(Path, IndexSettings, Clock, IndexOwner)}, passages embedded by {@code embedder}. */
    public static PassageIndex claim(
            Path dir, IndexSettings settings, Clock clock, IndexOwner owner, Optional<PassageEmbedder> embedder)
            throws IOException {
        PassageIndex index;
        try {
            index = PassageIndex.open(dir, settings, clock, embedder);
        } catch (LockObtainFailedException e) {
            throw new IndexInUseException(dir, readFrom(dir), e);
        }
        try {
            owner.writeTo(dir);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
        return index;
    }

    /**
     * The live holder recorded in {@code dir}; empty when none is recorded, the file is unreadable,
     * or the process that wrote it has ended.
     */
    public static Optional<IndexOwner> readFrom(Path dir) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            properties.load(reader);
            IndexOwner owner = new IndexOwner(
                    Long.parseLong(properties.getProperty("pid", "")),
                    Optional.ofNullable(properties.getProperty("processStart"))
                            .filter(value -> !value.isEmpty())
                            .map(Instant::parse),
                    properties.getProperty("command", "citebot"),
                    Boolean.parseBoolean(properties.getProperty("building", "false")),
                    Instant.parse(properties.getProperty("since", "")));
            return owner.alive() ? Optional.of(owner) : Optional.empty();
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            // Missing (nobody recorded itself yet), half written by an older citebot, or damaged:
            // the holder is unknown, which callers say in so many words.
            return Optional.empty();
        }
    }

    /** Removes the record; the holder calls it while it still holds the lock, so it never removes another's. */
    public static void removeFrom(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(FILE_NAME), e);
        }
    }

    /** The same owner, building or now serving. */
    public IndexOwner withBuilding(boolean nowBuilding) {
        return new IndexOwner(pid, processStart, command, nowBuilding, since);
    }

    /** Records this owner in {@code dir}, replacing the file in one step so a reader never sees half of it. */
    public void writeTo(Path dir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty(
                "processStart", processStart.map(Instant::toString).orElse(""));
        properties.setProperty("command", command);
        properties.setProperty("building", Boolean.toString(building));
        properties.setProperty("since", since.toString());
        Path temporary = dir.resolve(FILE_NAME + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "the citebot process writing this index; removed when it stops");
        }
        try {
            Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether the recorded process still runs (and is the one that wrote the record). */
    public boolean alive() {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return false;
        }
        Optional<Instant> started = handle.get().info().startInstant();
        if (processStart.isEmpty() || started.isEmpty()) {
            return true;
        }
        return Duration.between(processStart.get(), started.get()).abs().compareTo(START_TOLERANCE) <= 0;
    }

    /** For messages: {@code citebot run (console), pid 4242, since 2026-12-06 21:03:04 UTC}. */
    public String describe() {
        return command + ", pid " + pid + ", since " + SHOWN.format(since);
    }
}
