/** Operating citebot: the health, readiness and metrics endpoint. */
@NullMarked
package org.citebot.ops;

import org.jspecify.annotations.NullMarked;
