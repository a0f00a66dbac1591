package org.citebot.discord;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.citebot.testing.CitebotClasses;
import org.junit.jupiter.api.Test;

/** Only the Discord edge (and the composition root that wires it) may know JDA. */
class DiscordAtTheEdgeTest {

    @Test
    void onlyDiscordAndAppDependOnJda() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.citebot.discord..", "org.citebot.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("net.dv8tion..")
                .because("Discord stays at the edge: commands, search and the console run without JDA")
                .check(CitebotClasses.main());
    }
}
