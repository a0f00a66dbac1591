/**
 * The daily digest: what a guild is told each day (new documents, most asked questions, a passage
 * of the day, and unanswered questions for moderators), when, and the bookkeeping that posts it
 * exactly once per guild and local day. Knows nothing of Discord: posting goes through
 * {@link org.citebot.digest.DigestPoster}.
 */
@NullMarked
package org.citebot.digest;

import org.jspecify.annotations.NullMarked;
