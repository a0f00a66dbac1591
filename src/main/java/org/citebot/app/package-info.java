@NullMarked
package org.citebot.app;

import org.jspecify.annotations.NullMarked;
