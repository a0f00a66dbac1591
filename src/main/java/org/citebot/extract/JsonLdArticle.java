package org.citebot.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The article a page describes in its JSON-LD ({@code <script type="application/ld+json">}): the
 * first node typed as an article ({@code NewsArticle}, {@code Article}, {@code BlogPosting} and
 * their kin), found at the top level, in arrays or in an {@code @graph}, with {@code @id} references
 * to its author and publisher resolved. Malformed JSON-LD, common in the wild, is passed over.
 */
final class JsonLdArticle {

    private static final Set<String> ARTICLE_TYPES = Set.of(
            "article",
            "newsarticle",
            "blogposting",
            "reportagenewsarticle",
            "analysisnewsarticle",
            "opinionnewsarticle",
            "reviewnewsarticle",
            "backgroundnewsarticle",
            "askpublicnewsarticle",
            "scholarlyarticle",
            "techarticle",
            "report",
            "liveblogposting",
            "socialmediaposting");
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private final Optional<JsonNode> article;
    private final Map<String, JsonNode> byId;
    private final Optional<String> siteName;

    private JsonLdArticle(Optional<JsonNode> article, Map<String, JsonNode> byId, Optional<String> siteName) {
        this.article = article;
        this.byId = byId;
        this.siteName = siteName;
    }

    /** Reads every JSON-LD block of {@code document}. */
    static JsonLdArticle of(Document document) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Element script : document.select("script[type~=(?i)application/ld\\+json]")) {
            String json = script.data()
                    .strip()
                    .replaceFirst("^<!--", "")
                    .replaceFirst("-->$", "")
                    .replaceFirst("^//\\s*<!\\[CDATA\\[", "")
                    .replaceFirst("//\\s*]]>$", "");
            try {
                flatten(LENIENT.readTree(json), nodes);
            } catch (JsonProcessingException e) {
                // A broken block tells nothing; the page's other metadata still counts.
            }
        }
        Map<String, JsonNode> byId = new HashMap<>();
        Optional<JsonNode> article = Optional.empty();
        Optional<String> siteName = Optional.empty();
        for (JsonNode node : nodes) {
            text(node.get("@id")).ifPresent(id -> byId.putIfAbsent(id, node));
            Set<String> types = types(node);
            if (article.isEmpty() && types.stream().anyMatch(ARTICLE_TYPES::contains)) {
                article = Optional.of(node);
            }
            if (siteName.isEmpty() && (types.contains("website") || types.contains("newsmediaorganization"))) {
                siteName = text(node.get("name"));
            }
        }
        return new JsonLdArticle(article, Map.copyOf(byId), siteName);
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else if (node.isObject()) {
            into.add(node);
            JsonNode graph = node.get("@graph");
            if (graph != null) {
                flatten(graph, into);
            }
        }
    }

    private static Set<String> types(JsonNode node) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = node.get("@type");
        if (type != null) {
            for (JsonNode each : type.isArray() ? type : List.of(type)) {
                text(each)
                        .ifPresent(t -> types.add(t.toLowerCase(java.util.Locale.ROOT)
                                .replaceFirst("^https?://schema\\.org/", "")
                                .replaceFirst("^schema:", "")));
            }
        }
        return types;
    }

    boolean found() {
        return article.isPresent();
    }

    Optional<String> headline() {
        return article.flatMap(a -> text(a.get("headline")).or(() -> text(a.get("name"))));
    }

    Optional<String> datePublished() {
        return article.flatMap(a -> text(a.get("datePublished")).or(() -> text(a.get("dateCreated"))));
    }

    Optional<String> language() {
        return article.flatMap(a -> text(a.get("inLanguage")).or(() -> name(a.get("inLanguage"))));
    }

    Optional<String> url() {
        return article.flatMap(a -> text(a.get("url"))
                .or(() -> text(a.get("mainEntityOfPage")))
                .or(() -> Optional.ofNullable(a.get("mainEntityOfPage")).flatMap(m -> text(m.get("@id")))));
    }

    /** Whether the article says it is behind a paywall ({@code isAccessibleForFree: false}). */
    boolean notFree() {
        return article.map(a -> a.get("isAccessibleForFree"))
                .map(flag ->
                        flag.isBoolean() ? !flag.asBoolean() : flag.asText().equalsIgnoreCase("false"))
                .orElse(false);
    }

    /** The authors' names, joined with commas; people given as bare URLs are left out. */
    Optional<String> authors() {
        if (article.isEmpty()) {
            return Optional.empty();
        }
        JsonNode author = article.get().get("author");
        if (author == null) {
            author = article.get().get("creator");
        }
        if (author == null) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode each : author.isArray() ? author : List.of(author)) {
            name(each).filter(n -> !n.matches("(?i)https?://.*")).ifPresent(names::add);
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
    }

    Optional<String> publisher() {
        return article.flatMap(a -> name(a.get("publisher"))).or(() -> siteName);
    }

    /** The name of a person or organisation given inline, by {@code @id} reference, or as plain text. */
    private Optional<String> name(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isArray()) {
            return node.isEmpty() ? Optional.empty() : name(node.get(0));
        }
        if (node.isTextual()) {
            return text(node);
        }
        Optional<String> direct = text(node.get("name"));
        if (direct.isPresent()) {
            return direct;
        }
        return text(node.get("@id")).map(byId::get).filter(ref -> ref != node).flatMap(ref -> text(ref.get("name")));
    }

    private static Optional<String> text(JsonNode node) {
        if (node == null || !node.isValueNode()) {
            return Optional.empty();
        }
        String value = node.asText().strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
