package fr.passerelle.hub.architecture;

import fr.passerelle.hub.PasserelleApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package under {@code fr.passerelle.hub} is a module (docs/architecture.md). The build fails on a
 * dependency cycle between modules, or on a module reaching into another's internals (its sub-packages, or a type
 * that is not public).
 */
class ModuleBoundariesTest {

    static final ApplicationModules MODULES = ApplicationModules.of(PasserelleApplication.class);

    @Test
    void modulesFormNoCycleAndUseOnlyEachOthersPublicTypes() {
        MODULES.verify();
    }
}
