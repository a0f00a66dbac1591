package org.citebot.index;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.corpus.CorpusOptions;
import org.citebot.corpus.CorpusReader;
import org.citebot.corpus.DocumentMetadata;
import org.citebot.corpus.Paragraph;
import org.citebot.corpus.Passage;
import org.citebot.corpus.PassageSplitter;
import org.citebot.corpus.SourceDocument;
import org.citebot.passages.IndexedDocument;

/**
 * Hand-made corpus documents for index and search tests: text adapted from the seed articles plus
 * two invented ones (one without a URL), split one passage per paragraph the way the corpus
 * reader's output looks.
 */
public final class TestCorpus {

    /** A paragraph to put in a test document, optionally under a section heading. */
    public record Para(Optional<String> section, String text) {

        public static Para of(String text) {
            return new Para(Optional.empty(), text);
        }

        public static Para under(String section, String text) {
            return new Para(Optional.of(section), text);
        }
    }

    public static final String SUMMIT_ID = "000_a1f61fe0d4b32682";
    public static final String ESCALATION_ID = "001_4d0260bb2bcefddf";
    public static final String TREATIES_ID = "002_arms_control_notes";
    public static final String GRAIN_ID = "003_grain_corridor";

    private TestCorpus() {}

    public static DocumentMetadata metadata(
            String title, String author, String publisher, String published, String url) {
        return new DocumentMetadata(
                title,
                Optional.ofNullable(author),
                Optional.ofNullable(publisher),
                Optional.ofNullable(published).map(LocalDate::parse),
                Optional.ofNullable(url).map(URI::create),
                "en");
    }

    /** A document whose cleaned text is the paragraphs separated by blank lines, one passage each. */
    public static IndexedDocument document(String id, DocumentMetadata metadata, Para... paras) {
        StringBuilder text = new StringBuilder();
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Passage> passages = new ArrayList<>();
        for (int i = 0; i < paras.length; i++) {
            if (i > 0) {
                text.append("\n\n");
            }
            int start = text.length();
            text.append(paras[i].text());
            int end = text.length();
            paragraphs.add(new Paragraph(i + 1, paras[i].section(), paras[i].text(), start, end, false));
            passages.add(new Passage(id, i, i + 1, paras[i].section(), paras[i].text(), start, end));
        }
        String hash = Integer.toHexString(text.toString().hashCode());
        SourceDocument source = new SourceDocument(id, id + ".txt", hash, metadata, text.toString(), paragraphs);
        return new IndexedDocument(source, passages);
    }

    public static IndexedDocument summit() {
        return document(
                SUMMIT_ID,
                metadata(
                        "On the eve of the NATO summit in Ankara: European powers drive Ukraine war toward direct conflict with Russia",
                        "Johannes Stern",
                        "World Socialist Web Site",
                        "2026-06-30",
                        "https://www.wsws.org/en/articles/2026/06/30/pers-j30.html"),
                Para.of("The war in Ukraine has entered an extraordinarily dangerous new stage. On the eve of the NATO"
                        + " summit in Ankara on July 7–8, the European imperialist powers are recklessly escalating the"
                        + " conflict with Russia, transforming Ukraine into a launchpad for deep strikes into Russian"
                        + " territory."),
                Para.of(
                        "Such a war would not remain confined to Ukraine. It would threaten to engulf the whole of Europe"
                                + " and could rapidly escalate into a nuclear conflict."),
                Para.of("The NATO summit in Ankara is being prepared as the next stage in this escalation. The alliance"
                        + " has committed itself to massive increases in military spending, including 5 percent of GDP"
                        + " for defence and broader military-related expenditure by 2035."),
                Para.under(
                        "Europe rearms",
                        "Europe is being reorganized as a war bloc. Germany, Britain, France, Poland, the Baltic states"
                                + " and the Nordic countries are among the most aggressive forces pushing the war forward."));
    }

    public static IndexedDocument escalation() {
        return document(
                ESCALATION_ID,
                metadata(
                        "U.S./NATO vs. Russia in Ukraine War: Planning and Preparing Dangerous Escalations",
                        null,
                        "revcom.us",
                        "2023-02-10",
                        "https://revcom.us/en/us-nato-vs-russia-ukraine-war"),
                Para.of(
                        "On February 24, 2022, Russia staged a massive invasion of Ukraine, a country with which it shares"
                                + " a land border of about 1,500 miles. Almost immediately, the U.S. and its allies in the North"
                                + " Atlantic Treaty Organization (NATO) began to send tens of billions of dollars of military"
                                + " and intelligence support to Ukraine."),
                Para.of("During this whole period, the threat of things getting out of control and escalating to a"
                        + " nuclear war was very high. Biden even stated that the world faced a possible “Armageddon”"
                        + " over Ukraine."),
                Para.under(
                        "HIMARS",
                        "By September, there were a total of 34 HIMARS systems in Ukraine. U.S. “Defense” Secretary"
                                + " Lloyd Austin said the HIMARS “changed the dynamics\" of the war."));
    }

    /** A document without a URL, e.g. a reading group's own notes. */
    public static IndexedDocument treaties() {
        return document(
                TREATIES_ID,
                metadata("Notes on arms control treaties", "Maria Lopez", "Reading Group", "2024-03-01", null),
                Para.under(
                        "New START",
                        "New START limited each side to 1,550 deployed strategic warheads. Its suspension in 2023 left"
                                + " no treaty limits on the two largest nuclear arsenals."),
                Para.under(
                        "Verification",
                        "Inspections and data exchanges were the heart of verification; without them each side must"
                                + " guess at the other's forces."));
    }

    /** A document whose URL already carries a fragment. */
    public static IndexedDocument grain() {
        return document(
                GRAIN_ID,
                metadata(
                        "Grain exports through the Black Sea",
                        "Anna Kovalenko",
                        "Reuters",
                        "2025-05-05",
                        "https://example.org/news/grain-corridor#top"),
                Para.of("Ships carrying grain left Odesa under the corridor agreement, although insurers raised"
                        + " premiums after drone attacks on port infrastructure."),
                Para.of("Farmers in southern Ukraine said exports, prices and storage all depend on whether the"
                        + " corridor stays open through the winter."));
    }

    public static List<IndexedDocument> all() {
        return List.of(summit(), escalation(), treaties(), grain());
    }

    /**
     * The real seed documents (surefire sets {@code citebot.seeds}; an IDE run falls back to {@code
     * seeds}), read and split into passages as the corpus indexer does.
     */
    public static List<IndexedDocument> seeds() {
        Path seeds = Path.of(System.getProperty("citebot.seeds", "seeds"));
        PassageSplitter splitter = new PassageSplitter();
        List<IndexedDocument> indexed = new ArrayList<>();
        for (SourceDocument source :
                new CorpusReader(CorpusOptions.defaults()).read(seeds).documents()) {
            indexed.add(new IndexedDocument(source, splitter.split(source)));
        }
        return indexed;
    }
}
