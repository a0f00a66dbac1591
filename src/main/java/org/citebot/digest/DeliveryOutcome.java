package org.citebot.digest;

import java.time.LocalDate;

/** What happened when a digest was due or asked for with {@code /digest now}. */
public sealed interface DeliveryOutcome {

    /** Posted now (or confirmed after a retry). */
    record Posted(LocalDate date, String link) implements DeliveryOutcome {}

    /** That day already has its digest, at {@code link}. */
    record AlreadyPosted(LocalDate date, String link) implements DeliveryOutcome {}

    /** Another send of that day's digest is in flight or waiting for a retry. */
    record InProgress(LocalDate date) implements DeliveryOutcome {}

    /** Nothing to say, and empty days are not posted. */
    record NothingToSay(LocalDate date) implements DeliveryOutcome {}

    /** The post failed; {@code detail} is for moderators. */
    record Failed(LocalDate date, FailureKind kind, String detail) implements DeliveryOutcome {}

    /** The day was claimed otherwise (skipped, missed) and is left alone. */
    record NotDue(LocalDate date) implements DeliveryOutcome {}

    /** A message link in Discord's form, which every client opens. */
    static String link(String guildId, String channelId, String messageId) {
        return "https://discord.com/channels/" + guildId + "/" + channelId + "/" + messageId;
    }
}
