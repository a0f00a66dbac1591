@NullMarked
package org.citebot.search;

import org.jspecify.annotations.NullMarked;
