package fr.passerelle.hub.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param maxJsonBytes largest JSON body accepted over REST; larger ones are refused before being parsed */
@ConfigurationProperties("passerelle.intake")
record IntakeProperties(long maxJsonBytes) {
}
