/**
 * The semantic leg's model: a {@link org.citebot.semantic.TextEmbedder} turns questions and passages
 * into vectors whose dot product says how close their meanings are. It knows nothing of Lucene, SQL
 * or Discord; the index stores the vectors and the search fuses them with BM25.
 */
@NullMarked
package org.citebot.semantic;

import org.jspecify.annotations.NullMarked;
