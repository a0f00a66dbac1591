/**
 * What members ask, as a feature of its own: the {@link org.citebot.questions.QueryLog} port that
 * searches record into and that autocomplete, the digest and cache warm-up read.
 */
@NullMarked
package org.citebot.questions;

import org.jspecify.annotations.NullMarked;
