/**
 * Measuring article extraction: the token-shingle precision, recall and F1 of the public article
 * extraction benchmark, computed the way its own evaluator computes them, for citebot's extractor
 * and for the other extractors' shipped outputs. Used by {@code citebot eval --extraction}.
 */
@NullMarked
package org.citebot.eval.extraction;

import org.jspecify.annotations.NullMarked;
