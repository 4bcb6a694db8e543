package fr.passerelle.hub.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention when people are anonymised for inactivity
 */
@ConfigurationProperties("passerelle.privacy")
record PrivacyProperties(@DefaultValue Retention retention) {

    /** @param inactiveMonths months without any change, journey event or handoff after which a person is anonymised */
    record Retention(@DefaultValue("24") int inactiveMonths) {
    }
}
