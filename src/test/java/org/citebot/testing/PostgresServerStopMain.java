package org.citebot.testing;

/**
 * A test JVM that starts its PostgreSQL and exits, leaving the stop to the shutdown hook; with
 * {@code --frozen} it first freezes the server (SIGSTOP), as a server too loaded to stop in time.
 * Run by {@link PostgresServerTest}.
 */
public final class PostgresServerStopMain {

    private PostgresServerStopMain() {}

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.get();
        ProcessHandle postmaster = server.postmaster().orElseThrow();
        System.out.println("postmaster " + postmaster.pid() + " " + server.url("postgres") + " " + server.folder());
        if (args.length > 0 && args[0].equals("--frozen")) {
            new ProcessBuilder("kill", "-STOP", String.valueOf(postmaster.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        }
        System.out.println("exiting");
    }
}
