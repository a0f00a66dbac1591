/**
 * Bringing the index in line with the corpus on request, one run at a time: {@link
 * org.citebot.reindex.ReindexService} serves moderators' {@code /reindex}, the console, {@code
 * citebot index} and the {@link org.citebot.reindex.CorpusWatcher}, records every run and
 * announces it in the moderator log. Knows nothing of Discord.
 */
@NullMarked
package org.citebot.reindex;

import org.jspecify.annotations.NullMarked;
