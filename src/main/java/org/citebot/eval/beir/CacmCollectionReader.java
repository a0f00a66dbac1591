package org.citebot.eval.beir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.jsoup.Jsoup;

/**
 * Reads the CACM collection as Anserini distributes it: {@code cacm.tar.gz} of {@code CACM-NNNN.html}
 * files (the document id is the file name without {@code .html}, the text is the HTML's text
 * content), {@code topics.cacm.txt} in {@code <DOC><DOCNO> n </DOCNO> text </DOC>} blocks and
 * {@code qrels.cacm.txt} in TREC format. The first non-blank line of a document, its title, is kept
 * apart so the citebot profile can index it as the document's title; title and text together are the
 * whole text content.
 */
public final class CacmCollectionReader {

    static final String ARCHIVE = "cacm.tar.gz";
    static final String TOPICS = "topics.cacm.txt";
    static final String QRELS = "qrels.cacm.txt";

    private static final Pattern TOPIC = Pattern.compile(
            "<DOC>\\s*<DOCNO>\\s*(\\S+)\\s*</DOCNO>(.*?)</DOC>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /**
     * Reads the collection in {@code dir}.
     *
     * @throws CollectionFormatException when a file is missing or malformed
     */
    public TestCollection read(Path dir) throws CollectionFormatException {
        if (!Files.isDirectory(dir)) {
            throw new CollectionFormatException("CACM collection folder not found: " + dir);
        }
        List<EvalDocument> documents = readDocuments(dir.resolve(ARCHIVE));
        List<Topic> topics = readTopics(dir.resolve(TOPICS));
        RelevanceJudgements judgements = RelevanceJudgements.read(dir.resolve(QRELS));
        return new TestCollection("cacm", documents, topics, judgements, AveragingMode.JUDGED_AND_RETRIEVED);
    }

    static List<EvalDocument> readDocuments(Path archive) throws CollectionFormatException {
        List<EvalDocument> documents = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try {
            TarGzArchive.forEachFile(archive, (name, content) -> {
                String fileName = name.substring(name.lastIndexOf('/') + 1);
                if (!fileName.endsWith(".html")) {
                    return;
                }
                String id = fileName.substring(0, fileName.length() - ".html".length());
                if (id.isBlank() || !ids.add(id)) {
                    throw new IOException("duplicate or empty document name " + name);
                }
                documents.add(document(id, new String(content, StandardCharsets.UTF_8)));
            });
        } catch (NoSuchFileException e) {
            throw new CollectionFormatException("CACM archive not found: " + archive, e);
        } catch (ZipException e) {
            throw new CollectionFormatException(archive + " is not gzip-compressed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CollectionFormatException("cannot read " + archive + ": " + e.getMessage(), e);
        }
        if (documents.isEmpty()) {
            throw new CollectionFormatException("no .html documents in " + archive);
        }
        return documents;
    }

    /** Splits an HTML document's text content into its first non-blank line and the rest. */
    static EvalDocument document(String id, String html) {
        String content = Jsoup.parse(html).wholeText().strip();
        int newline = content.indexOf('\n');
        String title = (newline < 0 ? content : content.substring(0, newline)).strip();
        String text = newline < 0 ? "" : content.substring(newline + 1).strip();
        return new EvalDocument(id, title, text);
    }

    static List<Topic> readTopics(Path file) throws CollectionFormatException {
        String content;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder all = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                all.append(line).append('\n');
            }
            content = all.toString();
        } catch (NoSuchFileException e) {
            throw new CollectionFormatException("CACM topics not found: " + file, e);
        } catch (IOException e) {
            throw new CollectionFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Topic> topics = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Matcher matcher = TOPIC.matcher(content);
        while (matcher.find()) {
            String id = matcher.group(1);
            if (!ids.add(id)) {
                throw new CollectionFormatException(file + ": duplicate topic " + id);
            }
            topics.add(new Topic(id, matcher.group(2).strip().replaceAll("\\s+", " ")));
        }
        if (topics.isEmpty()) {
            throw new CollectionFormatException("no <DOC><DOCNO> topics in " + file);
        }
        return topics;
    }
}
