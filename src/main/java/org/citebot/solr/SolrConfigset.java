package org.citebot.solr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The configset kept in the project ({@code src/main/resources/solr/configset}): the schema that
 * mirrors the embedded index, Solr's config and the stop words. Its name carries a hash of its
 * files, so a changed configset is uploaded beside the old one and never alters a collection that
 * is serving. Used by {@link SolrCollections} and the tests.
 */
public final class SolrConfigset {

    /** The files of the configset, in the folder {@link #RESOURCE_FOLDER} of the jar. */
    static final List<String> FILES =
            List.of("managed-schema.xml", "solrconfig.xml", "stopwords_en.txt", "query_gaps.txt");

    static final String RESOURCE_FOLDER = "/solr/configset/";
    private static final String NAME_PREFIX = "citebot-";
    private static final String CONFIG_FILE = "solrconfig.xml";
    /** One of the caches Solr keys by query or document, declared on one line with its closing slash. */
    private static final Pattern SEARCH_CACHE =
            Pattern.compile("[ \\t]*<(filterCache|queryResultCache|documentCache)\\b[^>]*/>[ \\t]*\\R");

    private final Map<String, byte[]> files;
    private final String name;

    private SolrConfigset(Map<String, byte[]> files) {
        this.files = files;
        MessageDigest digest = sha256();
        files.forEach((file, bytes) -> {
            digest.update(file.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
        });
        this.name = NAME_PREFIX + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }

    /** The configset in citebot's jar (or classes folder). */
    public static SolrConfigset bundled() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : FILES) {
            try (InputStream in = SolrConfigset.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "the Solr configset file " + file + " is missing from citebot's jar");
                }
                files.put(file, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Solr configset file " + file, e);
            }
        }
        return new SolrConfigset(files);
    }

    /**
     * This configset without Solr's query-keyed caches (filter, query result and document caches),
     * for {@code citebot bench}: every round of its questions is answered as a new question would be,
     * as the embedded rows are measured without citebot's answer cache. Its other files are the
     * same, and its name differs, so it is uploaded beside the bot's configset and never changes it.
     *
     * @throws IllegalStateException when {@code solrconfig.xml} no longer declares those three caches
     */
    public SolrConfigset withoutSearchCaches() {
        String config = text(CONFIG_FILE);
        Matcher cache = SEARCH_CACHE.matcher(config);
        int found = 0;
        while (cache.find()) {
            found++;
        }
        if (found != 3) {
            throw new IllegalStateException("expected the filter, query result and document caches in " + CONFIG_FILE
                    + ", found " + found + " of them");
        }
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        changed.put(CONFIG_FILE, SEARCH_CACHE.matcher(config).replaceAll("").getBytes(StandardCharsets.UTF_8));
        return new SolrConfigset(changed);
    }

    /** {@code citebot-} and the first 12 hex digits of the files' SHA-256: equal files, equal name. */
    public String name() {
        return name;
    }

    /** One file's text, as Solr reads it. */
    public String text(String file) {
        byte[] bytes = files.get(file);
        if (bytes == null) {
            throw new IllegalArgumentException("no configset file " + file);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The configset as the zip Solr's configset upload takes. */
    public byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip the Solr configset in memory", e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
