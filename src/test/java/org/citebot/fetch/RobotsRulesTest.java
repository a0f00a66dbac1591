package org.citebot.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** robots.txt as RFC 9309 reads it, for citebot's product token. */
class RobotsRulesTest {

    @Test
    void allows_longestMatchWinsAndAllowWinsATie() {
        RobotsRules rules = RobotsRules.parse(
                "User-agent: *\nDisallow: /news/\nAllow: /news/public/\nDisallow: /tie\nAllow: /tie\n", "citebot");

        assertThat(rules.allows("/news/2026/story")).isFalse();
        assertThat(rules.allows("/news/public/story")).isTrue();
        assertThat(rules.allows("/tie")).isTrue();
        assertThat(rules.allows("/other")).isTrue();
    }

    @Test
    void allows_wildcardsAndEndAnchor() {
        RobotsRules rules = RobotsRules.parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\n", "citebot");

        assertThat(rules.allows("/papers/a.pdf")).isFalse();
        assertThat(rules.allows("/papers/a.pdf?x=1")).isTrue();
        assertThat(rules.allows("/story?print=1")).isFalse();
        assertThat(rules.allows("/story")).isTrue();
    }

    @Test
    void parse_groupForCitebot_replacesTheStarGroupCaseInsensitively() {
        RobotsRules rules = RobotsRules.parse(
                "User-agent: *\nDisallow: /\n\nUser-agent: OtherBot\nUser-agent: CiteBot\nDisallow: /drafts\n",
                "citebot");

        assertThat(rules.allows("/story")).isTrue();
        assertThat(rules.allows("/drafts/1")).isFalse();
    }

    @Test
    void parse_emptyDisallowAndComments_allowEverything() {
        RobotsRules rules = RobotsRules.parse("# nothing to hide\nUser-agent: *\nDisallow:   # empty\n", "citebot");

        assertThat(rules.allows("/anything")).isTrue();
    }

    @Test
    void parse_disallowAllForStar_refusesEverything() {
        assertThat(RobotsRules.parse("User-agent: *\nDisallow: /\n", "citebot").allows("/"))
                .isFalse();
    }
}
