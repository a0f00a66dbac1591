package org.citebot.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** citebot's own classes (tests left out), imported once per test JVM for the architecture rules. */
public final class CitebotClasses {

    private CitebotClasses() {}

    private static volatile JavaClasses main;

    /** Every class under {@code org.citebot} in the main code. */
    public static JavaClasses main() {
        JavaClasses imported = main;
        if (imported == null) {
            synchronized (CitebotClasses.class) {
                imported = main;
                if (imported == null) {
                    imported = new ClassFileImporter()
                            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                            .importPackages("org.citebot");
                    main = imported;
                }
            }
        }
        return imported;
    }
}
