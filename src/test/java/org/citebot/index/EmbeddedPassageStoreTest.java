package org.citebot.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citebot.passages.CorpusRunsContract;
import org.citebot.passages.CorpusUpdates;
import org.citebot.passages.PassageStore;
import org.citebot.passages.PassageStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The passage store contract on the embedded Lucene index, each test with its own index in a temporary folder. */
class EmbeddedPassageStoreTest extends PassageStoreContract {

    @TempDir
    Path folder;

    private final List<PassageIndex> opened = new ArrayList<>();

    @Override
    protected PassageStore emptyStore() throws IOException {
        PassageIndex index =
                PassageIndex.open(folder.resolve("index" + opened.size()), IndexSettings.defaults(), CLOCK);
        opened.add(index);
        return index;
    }

    /** The corpus runs contract on the embedded index, sharing the indexes this class opens and closes. */
    @Nested
    class CorpusRuns extends CorpusRunsContract {
        @Override
        protected CorpusUpdates emptyCorpusStore() throws IOException {
            return (PassageIndex) emptyStore();
        }
    }

    @AfterEach
    void close() throws IOException {
        for (PassageIndex index : opened) {
            index.close();
        }
    }
}
