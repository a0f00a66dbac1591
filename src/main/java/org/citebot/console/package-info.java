@NullMarked
package org.citebot.console;

import org.jspecify.annotations.NullMarked;
