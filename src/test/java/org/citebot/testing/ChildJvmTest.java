package org.citebot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Child JVMs started together never share the folder SQLite extracts its native library into: in
 * one shared folder, one child's clean-up of stale libraries deleted another's as it was loading it
 * (StateStoreAcrossProcessesTest failed so under load). Two children, about 2 s.
 */
class ChildJvmTest {

    @Test
    void start_twoChildrenLoadingSqlite_eachExtractsItsLibraryIntoItsOwnFolder_deletedOnClose() throws Exception {
        List<Path> folders = new ArrayList<>();
        List<ChildJvm> children = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                children.add(ChildJvm.start(ChildJvm.QUICK_START, SqliteLoadingMain.class, Map.of()));
            }
            for (ChildJvm child : children) {
                assertThat(child.awaitExit(Duration.ofSeconds(60)))
                        .as(child.output().toString())
                        .isZero();
                Path folder = Path.of(child.output().stream()
                        .filter(line -> line.startsWith("folder "))
                        .findFirst()
                        .orElseThrow()
                        .substring("folder ".length()));
                assertThat(folder).isEqualTo(child.nativeLibraries());
                assertThat(child.output())
                        .as("the library it loaded, alone in its folder")
                        .filteredOn(line -> line.startsWith("library "))
                        .hasSize(1);
                folders.add(folder);
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        assertThat(folders).doesNotHaveDuplicates();
        assertThat(folders).allSatisfy(folder -> assertThat(folder).doesNotExist());
    }
}
