package org.citebot.reindex;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the corpus folder and its subfolders with the JDK {@link WatchService} and calls its
 * handler once the folder has stayed quiet for the debounce time after a change, so copying in
 * many files triggers one reindex ({@code corpus.watch}). Hidden files (editor swap files) are
 * ignored, like the corpus reader ignores them. A failing handler is logged and never stops the
 * watching; when a reindex is already running, the handler is tried again after another debounce.
 *
 * <p>Polls and runs the handler on the executor it is given, which the composition root dedicates
 * to it so a long reindex delays nothing else.
 */
public final class CorpusWatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(CorpusWatcher.class);
    private static final Duration MAX_POLL_INTERVAL = Duration.ofMillis(250);

    /** What to do after the corpus changed; typically a reindex through {@link ReindexService}. */
    @FunctionalInterface
    public interface ChangeHandler {
        /** @throws ReindexAlreadyRunningException to be tried again after another debounce */
        void corpusChanged() throws Exception;
    }

    private final Path corpusDir;
    private final Duration debounce;
    private final ScheduledExecutorService executor;
    private final ChangeHandler handler;
    private final WatchService watchService;
    /** Guarded by this; the folder each key watches. */
    private final Map<WatchKey, Path> watched = new HashMap<>();
    /** Guarded by this. */
    private @Nullable ScheduledFuture<?> pendingRun;
    /** Guarded by this. */
    private @Nullable ScheduledFuture<?> polling;
    /** Guarded by this. */
    private boolean rootMissingLogged;

    public CorpusWatcher(Path corpusDir, Duration debounce, ScheduledExecutorService executor, ChangeHandler handler)
            throws IOException {
        this.corpusDir = corpusDir.toAbsolutePath();
        this.debounce = debounce;
        this.executor = executor;
        this.handler = handler;
        this.watchService = FileSystems.getDefault().newWatchService();
    }

    /**
     * A watcher that reindexes through {@code service}, recorded as requested by "watcher", unless
     * another process sharing the corpus reindexed the change already.
     */
    public static ChangeHandler reindexing(ReindexService service) {
        return () -> {
            try {
                // Every process on a shared corpus folder sees the change: one reindexes, and the
                // others follow its generation first, then find nothing left to run.
                service.followCluster();
                service.reindexIfChanged(ReindexRequest.watcher(), org.citebot.passages.IndexProgress.NONE);
            } catch (ReindexFailedException e) {
                // The service logged it with the cause and recorded it; the watcher keeps watching.
                LOG.warn("Reindex after a corpus change failed: {}", e.getMessage());
            }
        };
    }

    /** Registers the folder tree and starts polling for changes. */
    public synchronized void start() {
        registerTreeIfPresent();
        long interval = Math.max(10, Math.min(MAX_POLL_INTERVAL.toMillis(), debounce.toMillis() / 2));
        polling = executor.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for changes (debounce {} ms)", corpusDir, debounce.toMillis());
    }

    @Override
    public synchronized void close() throws IOException {
        if (polling != null) {
            polling.cancel(false);
        }
        if (pendingRun != null) {
            pendingRun.cancel(false);
        }
        watchService.close();
    }

    private void poll() {
        try {
            boolean changed = drainEvents();
            if (changed) {
                scheduleRun();
            }
        } catch (ClosedWatchServiceException e) {
            // Closing; the polling task is being cancelled.
        } catch (RuntimeException e) {
            LOG.warn("Corpus watcher could not read change events: {}", e.toString());
        }
    }

    private synchronized boolean drainEvents() {
        if (watched.isEmpty()) {
            // The folder was missing or deleted; watch it again once it is back.
            return registerTreeIfPresent();
        }
        boolean changed = false;
        WatchKey key;
        while ((key = watchService.poll()) != null) {
            Path folder = watched.get(key);
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    changed = true;
                    continue;
                }
                Path name = (Path) event.context();
                if (folder == null || name.toString().startsWith(".")) {
                    continue;
                }
                changed = true;
                Path child = folder.resolve(name);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(child)) {
                    registerTree(child);
                }
            }
            if (!key.reset()) {
                watched.remove(key);
                changed = true;
            }
        }
        return changed;
    }

    /** Starts (or restarts) the debounce: the handler runs once nothing changed for the debounce time. */
    private synchronized void scheduleRun() {
        if (pendingRun != null) {
            pendingRun.cancel(false);
        }
        pendingRun = executor.schedule(this::runHandler, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runHandler() {
        synchronized (this) {
            pendingRun = null;
        }
        try {
            LOG.info("Corpus {} changed; reindexing", corpusDir);
            handler.corpusChanged();
        } catch (ReindexAlreadyRunningException e) {
            LOG.info(
                    "Corpus changed while a reindex runs ({}); trying again in {} ms",
                    e.status().progress(),
                    debounce.toMillis());
            scheduleRun();
        } catch (Exception e) {
            LOG.warn("Reindex after a corpus change failed; still watching {}", corpusDir, e);
        }
    }

    /** @return true when the folder was (re)registered, which counts as a change */
    private boolean registerTreeIfPresent() {
        if (!Files.isDirectory(corpusDir)) {
            if (!rootMissingLogged) {
                LOG.warn("Corpus folder {} does not exist; watching for it to appear", corpusDir);
                rootMissingLogged = true;
            }
            return false;
        }
        boolean wasMissing = rootMissingLogged;
        rootMissingLogged = false;
        registerTree(corpusDir);
        return wasMissing;
    }

    private void registerTree(Path start) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(corpusDir) && dir.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    WatchKey key = dir.register(
                            watchService,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                    watched.put(key, dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not watch {}: {}", start, e.toString());
        }
    }
}
