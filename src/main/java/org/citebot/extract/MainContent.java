package org.citebot.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds the article body in a page. The page is pruned of what is never text (scripts, forms,
 * figures, hidden parts) and of parts whose markup names them boilerplate, then cut into text
 * blocks at block-level elements. Each block is worth its plain-text length when it reads like prose
 * and costs its length when it is mostly links; the element whose blocks are worth the most is the
 * article's container, and its prose blocks, in order, are the body.
 */
final class MainContent {

    private static final String NEVER_TEXT = "script, style, noscript, template, svg, canvas, iframe, object, embed,"
            + " video, audio, button, input, select, textarea, label, nav, aside, footer, figure, figcaption,"
            + " picture, dialog, menu, title, [hidden], [aria-hidden=true]";
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final Set<String> BLOCK_TAGS = Set.of(
            "address",
            "article",
            "blockquote",
            "body",
            "center",
            "dd",
            "details",
            "div",
            "dl",
            "dt",
            "fieldset",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "tr",
            "ul");
    /** Elements whose tag says they hold the page's content; their classes often list its tags and categories. */
    private static final Set<String> STRUCTURAL = Set.of("article", "main", "html", "body");

    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
    /** A long paragraph is prose whatever the markup around it says. */
    private static final int LONG_PARAGRAPH = 80;

    private MainContent() {}

    /** The article body of {@code document}, which is modified (pruned) on the way. */
    static Body body(Document document, String title) {
        Element body = document.body();
        prune(body);
        List<Block> blocks = new BlockCollector(body).collect();
        Element container = bestContainer(blocks, body);
        return bodyOf(blocks, container, title);
    }

    private static void prune(Element body) {
        body.select(NEVER_TEXT).remove();
        Map<Element, Integer> prose = proseChars(body);
        int pageProse = prose.getOrDefault(body, 0);
        List<Element> doomed = new ArrayList<>();
        for (Element element : body.getAllElements()) {
            if (element == body) {
                continue;
            }
            boolean mostProse = prose.getOrDefault(element, 0) * 2 > pageProse && pageProse > 0;
            if (HIDDEN_STYLE.matcher(element.attr("style")).find()) {
                doomed.add(element);
            } else if (element.normalName().equals("form") && !mostProse) {
                // Login, search and newsletter forms; ASP.NET pages wrap everything in one form, which stays.
                doomed.add(element);
            } else if (!STRUCTURAL.contains(element.normalName())
                    && !mostProse
                    && BoilerplateMarkers.marksBoilerplate(element)) {
                // Holding most of the page's prose, a boilerplate name is a wrapper's misnomer
                // (class="page comments-open"): removing it would remove the article.
                doomed.add(element);
            }
        }
        doomed.forEach(Element::remove);
    }

    /** For every element, the characters of the paragraphs below it long enough to be prose. */
    private static Map<Element, Integer> proseChars(Element body) {
        Map<Element, Integer> chars = new IdentityHashMap<>();
        for (Element paragraph : body.getElementsByTag("p")) {
            int length = paragraph.text().length();
            if (length >= LONG_PARAGRAPH) {
                for (Element e = paragraph; e != null; e = e.parent()) {
                    chars.merge(e, length, Integer::sum);
                }
            }
        }
        return chars;
    }

    private static Element bestContainer(List<Block> blocks, Element body) {
        Map<Element, Double> worth = new IdentityHashMap<>();
        for (Block block : blocks) {
            double value = block.value();
            for (Element e = block.owner; e != null; e = e.parent()) {
                worth.merge(e, value, Double::sum);
                if (e == body) {
                    break;
                }
            }
        }
        Element best = body;
        double bestWorth = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Element, Double> entry : worth.entrySet()) {
            Element candidate = entry.getKey();
            double value = entry.getValue();
            if (value > bestWorth || (value == bestWorth && isInside(candidate, best))) {
                best = candidate;
                bestWorth = value;
            }
        }
        return best;
    }

    private static boolean isInside(Element candidate, Element other) {
        for (Element e = candidate.parent(); e != null; e = e.parent()) {
            if (e == other) {
                return true;
            }
        }
        return false;
    }

    /** The body's blocks in order, and which of them are subheadings. */
    record Body(List<String> paragraphs, Set<String> headings) {
        Body {
            paragraphs = List.copyOf(paragraphs);
            headings = Set.copyOf(headings);
        }
    }

    private static Body bodyOf(List<Block> blocks, Element container, String title) {
        List<Block> inside = new ArrayList<>();
        for (Block block : blocks) {
            if (block.owner == container || isInside(block.owner, container)) {
                inside.add(block);
            }
        }
        int first = 0;
        while (first < inside.size() && !inside.get(first).isProse()) {
            first++;
        }
        int last = inside.size() - 1;
        while (last >= first && !inside.get(last).isProse()) {
            last--;
        }
        List<String> paragraphs = new ArrayList<>();
        Set<String> headings = new LinkedHashSet<>();
        for (int i = first; i <= last; i++) {
            Block block = inside.get(i);
            if (block.isLinkList() || block.tag.equals("h1") || block.text.equalsIgnoreCase(title)) {
                continue;
            }
            if (BoilerplateLines.isBoilerplate(block.text)) {
                continue;
            }
            paragraphs.add(block.text);
            if (HEADINGS.contains(block.tag)) {
                headings.add(block.text);
            }
        }
        return new Body(paragraphs, headings);
    }

    /** One run of text between block-level boundaries, owned by the innermost block element. */
    private static final class Block {
        final Element owner;
        final String tag;
        final String text;
        final int linkChars;

        Block(Element owner, String text, int linkChars) {
            this.owner = owner;
            this.tag = owner.normalName();
            this.text = text;
            this.linkChars = Math.min(linkChars, text.length());
        }

        double linkDensity() {
            return text.isEmpty() ? 0 : (double) linkChars / text.length();
        }

        boolean isLinkList() {
            return linkDensity() > 0.5;
        }

        boolean isProse() {
            return !isLinkList() && text.length() - linkChars >= 60 && !HEADINGS.contains(tag) && !tag.equals("h1");
        }

        /** What this block adds to every container around it. */
        double value() {
            int plain = text.length() - linkChars;
            if (plain >= 40 && linkDensity() <= 0.6) {
                return plain - 0.5 * linkChars;
            }
            return -linkChars - 0.25 * plain;
        }
    }

    /** Walks the pruned page and cuts its text into blocks. */
    private static final class BlockCollector {
        private final Element root;
        private final List<Block> blocks = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int linkChars;

        BlockCollector(Element root) {
            this.root = root;
        }

        List<Block> collect() {
            walk(root, root, false);
            flush(root);
            return blocks;
        }

        private void walk(Element element, Element owner, boolean inLink) {
            for (Node child : element.childNodes()) {
                if (child instanceof TextNode textNode) {
                    String words = textNode.getWholeText().replaceAll("\\s+", " ");
                    text.append(words);
                    if (inLink) {
                        linkChars += words.strip().length();
                    }
                } else if (child instanceof Element el) {
                    String tag = el.normalName();
                    boolean link = inLink || tag.equals("a");
                    if (BLOCK_TAGS.contains(tag)) {
                        flush(owner);
                        walk(el, el, link);
                        flush(el);
                    } else if (tag.equals("br")) {
                        text.append(' ');
                    } else {
                        walk(el, owner, link);
                    }
                }
            }
        }

        /** Ends the current block; its text belongs to {@code owner}, the innermost block element around it. */
        private void flush(Element owner) {
            String content = text.toString().replace('\u00A0', ' ').strip().replaceAll(" {2,}", " ");
            if (!content.isEmpty()) {
                blocks.add(new Block(owner, content, linkChars));
            }
            text.setLength(0);
            linkChars = 0;
        }
    }
}
