package org.citebot.corpus;

import java.util.Optional;

/**
 * What the manifest says about one corpus file: its metadata and optional markers naming where the
 * article starts and ends inside the text, so site chrome around it can be cut away.
 *
 * @param file path relative to the corpus directory, with {@code /} separators
 * @param startsAfter the article begins right after the first occurrence of this text
 * @param endsBefore the article ends right before the first occurrence of this text after its start
 */
record ManifestEntry(String file, MetadataHints metadata, Optional<String> startsAfter, Optional<String> endsBefore) {}
