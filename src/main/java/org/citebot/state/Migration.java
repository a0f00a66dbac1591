package org.citebot.state;

import java.util.List;

/**
 * One step of the state database's schema: a version number and the SQL statements that take the
 * schema there from the previous version. Applied once, in order, inside a transaction.
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        statements = List.copyOf(statements);
    }
}
