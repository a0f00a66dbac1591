package org.citebot.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.sqlite.SQLiteJDBCLoader;

/**
 * A child JVM that loads SQLite's native library and prints where it was extracted: the folder
 * given in {@link ChildJvm#SQLITE_TMPDIR} and the library files in it. Run by {@link ChildJvmTest}.
 */
public final class SqliteLoadingMain {

    private SqliteLoadingMain() {}

    public static void main(String[] args) throws Exception {
        if (!SQLiteJDBCLoader.initialize()) {
            throw new IllegalStateException("SQLite's native library did not load");
        }
        Path folder = Path.of(System.getProperty(ChildJvm.SQLITE_TMPDIR, System.getProperty("java.io.tmpdir")));
        System.out.println("folder " + folder);
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.getFileName().toString().endsWith("libsqlitejdbc.so"))
                    .forEach(file -> System.out.println("library " + file.getFileName()));
        } catch (IOException e) {
            System.out.println("unreadable " + e);
        }
        System.out.println("done");
    }
}
