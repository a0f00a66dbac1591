@NullMarked
package org.citebot.corpus;

import org.jspecify.annotations.NullMarked;
