/**
 * SolrCloud as a place for citebot's passages (issue 17): the configset that mirrors the embedded
 * index, collections and aliases, writing and deleting passages, the collection's generation, and
 * {@link org.citebot.solr.SolrPassages}, the passage store on SolrCloud, {@link
 * org.citebot.solr.SolrSearchPort}, which the search pipeline searches it through, and {@link
 * org.citebot.solr.SolrCorpusReads}, what autocomplete and the digest read of it. The composition
 * root's {@code app.SolrBackend} puts them together as the bot's backend for {@code search.backend:
 * solr}.
 */
@NullMarked
package org.citebot.solr;

import org.jspecify.annotations.NullMarked;
