package fr.passerelle.hub.handoff;

import fr.passerelle.hub.handoff.rules.InvalidRulesException;
import fr.passerelle.hub.handoff.rules.RuleFile;
import fr.passerelle.hub.handoff.rules.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The routing rules, loaded and checked once at start-up: a broken file stops the hub with a message naming it,
 * rather than running with rules nobody reviewed.
 */
@Component
class RuleFileLoader {

    static final String PACKAGED = "classpath:routes/rules/handoffs.yaml";

    private static final Logger log = LoggerFactory.getLogger(RuleFileLoader.class);

    private final RuleSet rules;

    RuleFileLoader(HandoffProperties properties, ResourceLoader resources) {
        Resource resource = resources.getResource(properties.rules());
        String origin = properties.rules();
        if (!resource.exists() && origin.startsWith("file:")) {
            // The project folder during development; the copy packaged in the jar when deployed.
            resource = resources.getResource(PACKAGED);
            origin = PACKAGED;
        }
        try (InputStream in = resource.getInputStream()) {
            this.rules = RuleFile.parse(origin, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidRulesException(origin, "cannot be read (" + e.getMessage() + ")");
        }
        log.info("Handoff rules: {} rules loaded from {}", rules.rules().size(), origin);
    }

    RuleSet rules() {
        return rules;
    }
}
