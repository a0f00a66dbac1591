package org.citebot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the tests: one per test JVM, started on first use with the
 * machine's own binaries ({@code initdb}, {@code pg_ctl}; Debian's {@code postgresql} package puts
 * them in {@code /usr/lib/postgresql/VERSION/bin}) in a temporary folder, listening on a free port
 * of 127.0.0.1 only, and stopped (its folder deleted) when the JVM exits. Each test gets a fresh
 * database of its own.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the
 * unprivileged {@code nobody} through {@code runuser}, in a folder handed to it. Without the
 * binaries, a test is skipped with the reason, except under {@code CI=true}, where it fails: CI
 * installs them ({@code .ci/run}), so their absence there is a broken build, never a silent skip.
 *
 * <p>Durability is off ({@code fsync}, {@code full_page_writes}, {@code synchronous_commit}): the
 * server's data lives only as long as the test run, and a test never survives a machine crash.
 */
public final class PostgresServer {

    /** The role the tests connect as; its password comes from {@link #password()}, as PGPASSWORD would give it. */
    public static final String USER = "citebot";

    private static final String UNPRIVILEGED = "nobody";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long stopping may take, twice over (pg_ctl, then the server's exit), well within surefire's 30 s. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static volatile Optional<PostgresServer> started;
    private static volatile String unavailable = "";

    private final Path bin;
    private final Path folder;
    private final int port;
    private final String password;
    private final boolean asRoot;

    private PostgresServer(Path bin, Path folder, int port, String password, boolean asRoot) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.password = password;
        this.asRoot = asRoot;
    }

    /**
     * The JVM's server, started now if this is the first call. Skips the calling test when the
     * machine has no PostgreSQL (fails it instead under {@code CI=true}).
     */
    public static PostgresServer get() {
        Optional<PostgresServer> server = startOnce();
        if (server.isEmpty()) {
            String reason = "PostgreSQL tests need a PostgreSQL server: " + unavailable
                    + ". Install it with: apt-get install -y postgresql (Debian, Ubuntu), or put the folder"
                    + " holding initdb and pg_ctl on the PATH";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(reason + " (CI=true: a missing PostgreSQL fails the run)");
            }
            Assumptions.abort(reason);
        }
        return server.get();
    }

    /** A new, empty database on the server; returns its JDBC URL. */
    public String createDatabase() {
        String name = "citebot_test_" + DATABASES.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, password);
                Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The JDBC URL of {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The password of {@link #USER}, as an operator would put it in PGPASSWORD. */
    public String password() {
        return password;
    }

    private static synchronized Optional<PostgresServer> startOnce() {
        if (started == null) {
            try {
                started = Optional.of(start());
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
                started = Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while starting it";
                started = Optional.empty();
            }
        }
        return started;
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries()
                .orElseThrow(() ->
                        new IllegalStateException("no initdb and pg_ctl in /usr/lib/postgresql/*/bin or on the PATH"));
        Path folder = Files.createTempDirectory("citebot-postgres-");
        boolean asRoot = isRoot(folder);
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        if (asRoot) {
            UserPrincipal nobody =
                    folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED);
            Files.setOwner(folder, nobody);
            Files.setOwner(passwordFile, nobody);
        }
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        run(
                asRoot,
                folder.resolve("initdb.log"),
                List.of(
                        bin.resolve("initdb").toString(),
                        "--pgdata=" + folder.resolve("data"),
                        "--username=" + USER,
                        "--pwfile=" + passwordFile,
                        "--auth-local=trust",
                        "--auth-host=scram-sha-256",
                        "--encoding=UTF8",
                        "--no-locale",
                        "--no-sync"));
        Files.delete(passwordFile);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalPorts.unused();
            try {
                run(
                        asRoot,
                        folder.resolve("pg_ctl.log"),
                        List.of(
                                bin.resolve("pg_ctl").toString(),
                                "--pgdata=" + folder.resolve("data"),
                                "--log=" + folder.resolve("server.log"),
                                "--wait",
                                "--timeout=" + START_TIMEOUT.toSeconds(),
                                "--options=-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                                        + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
                                        + " -c max_connections=200",
                                "start"));
            } catch (IOException e) {
                // Another process may have taken the port between choosing and binding it.
                last = e;
                continue;
            }
            PostgresServer server = new PostgresServer(bin, folder, port, password, asRoot);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
            return server;
        }
        throw last;
    }

    /**
     * Stops the server, at most {@link #STOP_TIMEOUT} after asking: the shutdown hook runs within
     * the 30 s surefire gives a forked JVM to exit after its tests, and a postmaster slow to stop
     * under load (or not stopping at all) must not take the test JVM past it. Asked with {@code
     * pg_ctl stop -m immediate}, not waited for by pg_ctl (its own wait is a minute), then killed
     * if still running.
     */
    void stop() {
        Optional<ProcessHandle> postmaster = postmaster();
        try {
            run(
                    asRoot,
                    folder.resolve("pg_ctl-stop.log"),
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "--pgdata=" + folder.resolve("data"),
                            "--mode=immediate",
                            "--no-wait",
                            "stop"),
                    STOP_TIMEOUT);
        } catch (IOException | InterruptedException e) {
            System.err.println("Could not stop the test PostgreSQL server in " + folder + ": " + e.getMessage());
        }
        postmaster.ifPresent(process -> {
            try {
                process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                System.err.println("The test PostgreSQL server did not stop within " + STOP_TIMEOUT + "; killed");
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        });
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + folder + ": " + e.getMessage());
        }
    }

    /** The server's main process, from the first line of {@code postmaster.pid}; empty once it is gone. */
    Optional<ProcessHandle> postmaster() {
        try {
            String first = Files.readAllLines(folder.resolve("data").resolve("postmaster.pid"), StandardCharsets.UTF_8)
                    .get(0)
                    .strip();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The server's temporary folder, deleted when it stops. */
    Path folder() {
        return folder;
    }

    /** Runs a PostgreSQL program (as {@code nobody} when we are root), failing with its output. */
    private static void run(boolean asRoot, Path log, List<String> command) throws IOException, InterruptedException {
        run(asRoot, log, command, START_TIMEOUT.plusSeconds(10));
    }

    private static void run(boolean asRoot, Path log, List<String> command, Duration timeout)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in time");
        }
        if (process.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + process.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
    }

    /** Debian's newest version folder, or the folder on the PATH holding both programs. */
    private static Optional<Path> binaries() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                        .filter(PostgresServer::hasPrograms)
                        .max(Comparator.comparingInt(PostgresServer::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && hasPrograms(Path.of(entry))) {
                return Optional.of(Path.of(entry));
            }
        }
        return Optional.empty();
    }

    private static boolean hasPrograms(Path folder) {
        return Files.isExecutable(folder.resolve("initdb")) && Files.isExecutable(folder.resolve("pg_ctl"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether this JVM runs as root: the owner of a folder it just created has uid 0. */
    private static boolean isRoot(Path created) throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(created, "unix:uid"));
    }
}
