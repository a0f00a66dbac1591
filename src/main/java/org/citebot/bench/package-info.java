/**
 * The speed benchmark behind {@code citebot bench}: deterministic passage corpora built from SciFact's
 * text, and indexing, latency, cache and memory figures for citebot beside bare Lucene and SQLite
 * FTS5, measured in one run on the same corpus and queries.
 */
@NullMarked
package org.citebot.bench;

import org.jspecify.annotations.NullMarked;
