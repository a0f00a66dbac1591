@NullMarked
package org.citebot.cli;

import org.jspecify.annotations.NullMarked;
