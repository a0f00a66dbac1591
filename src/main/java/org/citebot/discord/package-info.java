/**
 * citebot's Discord edge, the only package that knows JDA: it connects, registers the commands,
 * turns interactions into platform-neutral command requests and renders replies within every
 * Discord limit. Everything else in citebot runs the same without it, e.g. in the console.
 */
@NullMarked
package org.citebot.discord;

import org.jspecify.annotations.NullMarked;
