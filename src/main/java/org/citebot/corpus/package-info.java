/**
 * Reading the group's corpus: {@link org.citebot.corpus.CorpusReader} turns a directory of .txt, .md,
 * .html and .pdf files (described by {@code sources.yaml}) into cleaned documents, and
 * {@link org.citebot.corpus.PassageSplitter} cuts each into the passages the index stores and the bot
 * cites. Knows nothing of Lucene or Discord.
 */
@NullMarked
package org.citebot.corpus;

import org.jspecify.annotations.NullMarked;
