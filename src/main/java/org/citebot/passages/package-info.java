/**
 * The neutral values of citebot's passage store, whichever engine holds the passages (the embedded
 * Lucene index or SolrCloud): documents and their origin, who may see them, what an update plans,
 * did and reports, and the facts about what is serving.
 */
@NullMarked
package org.citebot.passages;

import org.jspecify.annotations.NullMarked;
