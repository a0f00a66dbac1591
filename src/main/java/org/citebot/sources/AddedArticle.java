package org.citebot.sources;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.citebot.corpus.CorpusReader;
import org.citebot.extract.ArticleMetadata;

/**
 * An article a moderator added by its URL, as the store keeps it: everything its passages are made
 * from (the extracted paragraphs and subheadings, the metadata with the moderator's corrections), so
 * the index can be rebuilt from it without any network access, and who added it, where and when.
 *
 * @param id {@code web-} and a hash of the server and the URL, distinct from every corpus file's id
 * @param url the URL it is cited with: its trusted canonical URL, else where it was found
 * @param requested the URL the moderator gave
 * @param fetchedFrom where it was found after redirects
 * @param format {@code html} or {@code pdf}
 * @param server the server it belongs to; empty: every server (added from the command line)
 * @param addedBy the member's id, or {@code cli} for the command line
 */
public record AddedArticle(
        String id,
        URI url,
        URI requested,
        URI fetchedFrom,
        String format,
        ArticleMetadata metadata,
        List<String> paragraphs,
        Set<String> headings,
        Optional<String> server,
        String addedBy,
        Instant addedAt) {

    /** The prefix of every added article's id. */
    public static final String ID_PREFIX = "web-";

    /** Who {@link #addedBy} names when the command line added the article. */
    public static final String COMMAND_LINE = "cli";

    public AddedArticle {
        paragraphs = List.copyOf(paragraphs);
        headings = Set.copyOf(headings);
        if (!id.startsWith(ID_PREFIX)) {
            throw new IllegalArgumentException("an added article's id starts with " + ID_PREFIX + ": " + id);
        }
    }

    /** The id of the article at {@code url} added in {@code server}: each server adds its own copy. */
    public static String idFor(Optional<String> server, URI url) {
        return ID_PREFIX + sha256(server.orElse("*") + "|" + url).substring(0, 16);
    }

    /**
     * Hash over everything the article's passages are made from (and how they are made): equal
     * hashes mean the indexed article needs no rewriting.
     */
    public String contentHash() {
        StringBuilder all = new StringBuilder();
        all.append("reading ").append(CorpusReader.EXTRACTION_VERSION).append('\n');
        all.append(url).append('\n').append(server.orElse("*")).append('\n');
        all.append(metadata).append('\n');
        for (String heading : new TreeSet<>(headings)) {
            all.append('#').append(heading.length()).append(':').append(heading).append('\n');
        }
        for (String paragraph : paragraphs) {
            all.append(paragraph.length()).append(':').append(paragraph).append('\n');
        }
        return sha256(all.toString());
    }

    /** The title it is listed under: its own, else the last part of its URL. */
    public String title() {
        return metadata.title().orElseGet(() -> {
            String path = Optional.ofNullable(url.getPath()).orElse("");
            String last = path.replaceAll("/+$", "");
            last = last.substring(last.lastIndexOf('/') + 1);
            return last.isBlank() ? url.getHost().toLowerCase(Locale.ROOT) : last;
        });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
