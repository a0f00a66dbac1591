package org.citebot.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of one site's robots.txt that apply to citebot (RFC 9309): the groups naming citebot's
 * product token, else the {@code *} groups. The longest matching rule wins and {@code Allow} wins a
 * tie; {@code *} matches any run of characters and a final {@code $} anchors the end.
 */
final class RobotsRules {

    /** Everything allowed: no robots.txt, or one that says nothing to citebot. */
    static final RobotsRules ALLOW_ALL = new RobotsRules(List.of());

    private final List<Rule> rules;

    private RobotsRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    private record Rule(boolean allow, String pattern, Pattern regex) {}

    static RobotsRules parse(String robotsTxt, String productToken) {
        List<Rule> forUs = new ArrayList<>();
        List<Rule> forAll = new ArrayList<>();
        boolean anyGroupForUs = false;
        List<String> agents = new ArrayList<>();
        boolean inRules = false;
        for (String rawLine : robotsTxt.split("\r\n|\r|\n")) {
            int hash = rawLine.indexOf('#');
            String line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).strip();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (inRules) {
                    agents.clear();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
            } else if (key.equals("allow") || key.equals("disallow")) {
                inRules = true;
                boolean ours = agents.contains(productToken.toLowerCase(Locale.ROOT));
                anyGroupForUs |= ours;
                if (value.isEmpty()) {
                    continue;
                }
                Rule rule = new Rule(key.equals("allow"), value, toRegex(value));
                if (ours) {
                    forUs.add(rule);
                }
                if (agents.contains("*")) {
                    forAll.add(rule);
                }
            }
        }
        return new RobotsRules(anyGroupForUs ? forUs : forAll);
    }

    private static Pattern toRegex(String pattern) {
        boolean anchored = pattern.endsWith("$");
        String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder regex = new StringBuilder();
        String[] parts = body.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex + (anchored ? "$" : ".*"), Pattern.DOTALL);
    }

    /** Whether {@code pathAndQuery} ({@code /a/b?c}) may be fetched. */
    boolean allows(String pathAndQuery) {
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.regex().matcher(pathAndQuery).matches()
                    && (best == null
                            || rule.pattern().length() > best.pattern().length()
                            || (rule.pattern().length() == best.pattern().length() && rule.allow()))) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }
}
