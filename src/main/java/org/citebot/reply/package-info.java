@NullMarked
package org.citebot.reply;

import org.jspecify.annotations.NullMarked;
