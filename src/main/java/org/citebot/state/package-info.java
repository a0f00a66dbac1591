@NullMarked
package org.citebot.state;

import org.jspecify.annotations.NullMarked;
