@NullMarked
package org.citebot.index;

import org.jspecify.annotations.NullMarked;
