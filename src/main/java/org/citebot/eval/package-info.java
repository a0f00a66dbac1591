/** Measuring search quality: labelled questions and their scores. */
@NullMarked
package org.citebot.eval;

import org.jspecify.annotations.NullMarked;
