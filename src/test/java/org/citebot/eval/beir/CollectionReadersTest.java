package org.citebot.eval.beir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BEIR and CACM readers on tiny synthetic collections written by the tests themselves. */
class CollectionReadersTest {

    private final BeirCollectionReader beir = new BeirCollectionReader(new ObjectMapper());
    private final CacmCollectionReader cacm = new CacmCollectionReader();

    @TempDir
    Path dir;

    @Test
    void beirRead_wellFormedFolder_readsDocumentsTopicsAndJudgements() throws Exception {
        writeBeir(dir, """
                {"_id": "d1", "title": "Otters", "text": "Otters hold hands while sleeping.", "metadata": {}}
                {"_id": "d2", "title": "", "text": "Beavers build dams."}
                """);

        TestCollection collection = beir.read(dir);

        assertThat(collection.documents())
                .containsExactly(
                        new EvalDocument("d1", "Otters", "Otters hold hands while sleeping."),
                        new EvalDocument("d2", "", "Beavers build dams."));
        assertThat(collection.topics())
                .containsExactly(new Topic("1", "do otters hold hands"), new Topic("2", "who builds dams?"));
        assertThat(collection.judgements().grades("1")).isEqualTo(Map.of("d1", 1));
        assertThat(collection.judgements().grades("2")).isEqualTo(Map.of("d2", 2, "d1", 0));
        assertThat(collection.judgements().relevantCount("2")).isEqualTo(1);
        assertThat(collection.averaging()).isEqualTo(AveragingMode.ALL_JUDGED);
    }

    @Test
    void beirRead_missingFolder_namesIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> beir.read(missing))
                .isInstanceOf(CollectionFormatException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining("nope");
    }

    @Test
    void beirRead_missingCorpus_saysSo() throws Exception {
        writeBeir(dir, "{}");
        Files.delete(dir.resolve("corpus.jsonl"));
        assertThatThrownBy(() -> beir.read(dir))
                .isInstanceOf(CollectionFormatException.class)
                .hasMessageContaining("corpus not found");
    }

    @Test
    void beirRead_brokenJsonLine_namesFileAndLine() throws Exception {
        writeBeir(dir, """
                {"_id": "d1", "title": "t", "text": "fine"}
                {"_id": "d2", "text": unquoted}
                """);
        assertThatThrownBy(() -> beir.read(dir))
                .isInstanceOf(CollectionFormatException.class)
                .hasMessageContaining("corpus.jsonl:2");
    }

    @Test
    void beirRead_documentWithoutId_isRejected() throws Exception {
        writeBeir(dir, """
                {"title": "t", "text": "no id"}
                """);
        assertThatThrownBy(() -> beir.read(dir)).hasMessageContaining("missing \"_id\"");
    }

    @Test
    void beirRead_twoTopicFiles_isAmbiguous() throws Exception {
        writeBeir(dir, """
                {"_id": "d1", "title": "t", "text": "x"}
                """);
        Files.writeString(dir.resolve("topics.other.tsv"), "9\tanother\n");
        assertThatThrownBy(() -> beir.read(dir))
                .isInstanceOf(CollectionFormatException.class)
                .hasMessageContaining("exactly one topics*.tsv");
    }

    @Test
    void qrelsRead_lineWithThreeColumns_namesTheLine() throws Exception {
        Path qrels = Files.writeString(dir.resolve("qrels.txt"), "1 0 d1 1\n2 d2 1\n");
        assertThatThrownBy(() -> RelevanceJudgements.read(qrels))
                .isInstanceOf(CollectionFormatException.class)
                .hasMessageContaining("qrels.txt:2");
    }

    @Test
    void qrelsRead_nonNumericGrade_isRejected() throws Exception {
        Path qrels = Files.writeString(dir.resolve("qrels.txt"), "1 0 d1 high\n");
        assertThatThrownBy(() -> RelevanceJudgements.read(qrels)).hasMessageContaining("not an integer");
    }

    @Test
    void cacmRead_archiveOfHtml_usesFileNameAsIdAndTextContent() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "docs/CACM-0001.html",
                "<html>\n<pre>\n\n\nSorting Punched Cards\n\nCACM May, 1960\n\nKnuth, D.</pre>\n</html>");
        files.put(
                "docs/CACM-0002.html",
                "<html><pre>\nQueue &amp; Stack Machines\n\nAlgorithms for queues.</pre></html>");
        files.put("docs/README", "not a document");
        writeTarGz(dir.resolve("cacm.tar.gz"), files);
        Files.writeString(dir.resolve("topics.cacm.txt"), """
                <DOC>
                <DOCNO> 1 </DOCNO>

                 Articles about sorting
                punched cards

                </DOC>
                <DOC>
                <DOCNO> 2 </DOCNO>
                 queues
                </DOC>
                """);
        Files.writeString(dir.resolve("qrels.cacm.txt"), "1 Q0 CACM-0001 1\n2 Q0 CACM-0002 1\n");

        TestCollection collection = cacm.read(dir);

        assertThat(collection.documents())
                .containsExactly(
                        new EvalDocument("CACM-0001", "Sorting Punched Cards", "CACM May, 1960\n\nKnuth, D."),
                        new EvalDocument("CACM-0002", "Queue & Stack Machines", "Algorithms for queues."));
        assertThat(collection.topics())
                .containsExactly(new Topic("1", "Articles about sorting punched cards"), new Topic("2", "queues"));
        assertThat(collection.judgements().grades("1")).isEqualTo(Map.of("CACM-0001", 1));
        assertThat(collection.averaging()).isEqualTo(AveragingMode.JUDGED_AND_RETRIEVED);
    }

    @Test
    void cacmRead_archiveNotGzipped_isReportedAsMalformed() throws Exception {
        Files.writeString(dir.resolve("cacm.tar.gz"), "plain text, not an archive");
        Files.writeString(dir.resolve("topics.cacm.txt"), "<DOC><DOCNO> 1 </DOCNO> x </DOC>");
        Files.writeString(dir.resolve("qrels.cacm.txt"), "1 Q0 CACM-0001 1\n");
        assertThatThrownBy(() -> cacm.read(dir))
                .isInstanceOf(CollectionFormatException.class)
                .hasMessageContaining("cacm.tar.gz");
    }

    @Test
    void cacmRead_topicsWithoutDocBlocks_isRejected() throws Exception {
        writeTarGz(dir.resolve("cacm.tar.gz"), Map.of("CACM-0001.html", "<pre>t</pre>"));
        Files.writeString(dir.resolve("topics.cacm.txt"), "1\tnot trec format\n");
        Files.writeString(dir.resolve("qrels.cacm.txt"), "1 Q0 CACM-0001 1\n");
        assertThatThrownBy(() -> cacm.read(dir)).hasMessageContaining("no <DOC><DOCNO> topics");
    }

    @Test
    void tarRead_longGnuName_isUsedForTheNextEntry() throws Exception {
        String longName = "a/".repeat(60) + "CACM-0003.html";
        Map<String, String> files = new LinkedHashMap<>();
        files.put(longName, "<pre>Title\nbody</pre>");
        writeTarGz(dir.resolve("long.tar.gz"), files);
        Map<String, String> read = new LinkedHashMap<>();
        TarGzArchive.forEachFile(
                dir.resolve("long.tar.gz"),
                (name, content) -> read.put(name, new String(content, StandardCharsets.UTF_8)));
        assertThat(read).containsExactly(Map.entry(longName, "<pre>Title\nbody</pre>"));
    }

    private static void writeBeir(Path dir, String corpus) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("topics.tiny.test.tsv"), "1\tdo otters hold hands\n2\twho builds dams?\n");
        Files.writeString(dir.resolve("qrels.tiny.test.txt"), "1 0 d1 1\n2 0 d2 2\n2 0 d1 0\n");
    }

    /** A gzip-compressed ustar archive; names over 100 bytes get a GNU long-name entry. */
    static void writeTarGz(Path file, Map<String, String> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header("docs/", 0, '5'));
        for (Map.Entry<String, String> entry : files.entrySet()) {
            byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 100) {
                tar.write(header("././@LongLink", name.length, 'L'));
                writePadded(tar, name);
            }
            tar.write(
                    header(name.length > 100 ? entry.getKey().substring(0, 100) : entry.getKey(), content.length, '0'));
            writePadded(tar, content);
        }
        tar.write(new byte[1024]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tar.toByteArray());
        }
    }

    private static void writePadded(ByteArrayOutputStream out, byte[] data) {
        out.write(data, 0, data.length);
        out.write(new byte[(512 - data.length % 512) % 512], 0, (512 - data.length % 512) % 512);
    }

    private static byte[] header(String name, long size, char type) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 0));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, 100));
    }
}
