@NullMarked
package org.citebot.config;

import org.jspecify.annotations.NullMarked;
