/**
 * The seam between citebot and the engine that holds its passages: {@link
 * org.citebot.backend.SearchBackend}, which the embedded Lucene index ({@code app.SearchEngine}) and
 * SolrCloud ({@code app.SolrBackend}) implement and which the composition root picks from {@code
 * search.backend}.
 */
@NullMarked
package org.citebot.backend;

import org.jspecify.annotations.NullMarked;
