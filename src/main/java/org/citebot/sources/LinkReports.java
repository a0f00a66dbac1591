package org.citebot.sources;

import java.util.List;
import org.citebot.reply.StyledText;

/**
 * The moderator log's summary of one link check in one server: one note listing every article
 * whose link broke or changed, never one message per link.
 */
public final class LinkReports {

    private LinkReports() {}

    public static StyledText summary(List<LinkChecker.Finding> findings) {
        StyledText text = StyledText.bold("Link check")
                .append(StyledText.plain(
                        findings.size() == 1
                                ? ": 1 source broke or changed."
                                : ": " + findings.size() + " sources broke or changed."));
        for (LinkChecker.Finding finding : findings) {
            text = text.append(StyledText.plain("\n• "))
                    .append(StyledText.bold(finding.source().title()))
                    .append(StyledText.plain(" (" + finding.source().url() + "): " + what(finding.health())));
        }
        return text;
    }

    /** What the check found, in a few words. */
    static String what(LinkHealth health) {
        return switch (health.status()) {
            case MOVED -> "moved to " + health.movedTo().map(Object::toString).orElse("another address");
            case GONE -> "gone (" + health.detail().orElse("the page no longer exists") + ")";
            case UNREACHABLE -> "unreachable (" + health.detail().orElse("no answer") + ")";
            case CHANGED -> "changed since it was added";
            case ALIVE, UNCHECKED -> "alive";
        };
    }
}
