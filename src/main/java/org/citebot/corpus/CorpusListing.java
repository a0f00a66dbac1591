package org.citebot.corpus;

import java.util.List;

/**
 * What is in a corpus folder before anything is read: the document files in path order, each with
 * its unique id, and the files refused while listing (links leading outside, link loops, dangling
 * links, devices and pipes) with their reasons. Holds no file contents, so it stays small for a
 * large corpus.
 */
public record CorpusListing(List<CorpusFile> files, List<SkippedFile> refused) {

    public CorpusListing {
        files = List.copyOf(files);
        refused = List.copyOf(refused);
    }

    /** Files listed, refused ones included: the total that progress counts against. */
    public int total() {
        return files.size() + refused.size();
    }
}
