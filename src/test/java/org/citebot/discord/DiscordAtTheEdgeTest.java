package org.citebot.discord;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only the Discord edge (and the composition root that wires it) may know JDA. */
class DiscordAtTheEdgeTest {

    private static final JavaClasses CITEBOT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.citebot");

    @Test
    void onlyDiscordAndAppDependOnJda() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.citebot.discord..", "org.citebot.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("net.dv8tion..")
                .because("Discord stays at the edge: commands, search and the console run without JDA")
                .check(CITEBOT);
    }
}
