/**
 * SolrCloud as a place for citebot's passages (issue 17): the configset that mirrors the embedded
 * index, collections and aliases, writing and deleting passages, the collection's generation, and
 * {@link org.citebot.solr.SolrPassages}, the passage store on SolrCloud, and {@link
 * org.citebot.solr.SolrSearchPort}, which the search pipeline searches it through. Not yet a backend
 * the bot opens: the bot still searches its embedded index.
 */
@NullMarked
package org.citebot.solr;

import org.jspecify.annotations.NullMarked;
