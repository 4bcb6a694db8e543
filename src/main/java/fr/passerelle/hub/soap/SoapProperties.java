package fr.passerelle.hub.soap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxRequestBytes largest SOAP request read (the whole envelope); a larger one is refused before being
 *                        parsed
 */
@ConfigurationProperties("passerelle.soap")
record SoapProperties(long maxRequestBytes) {

    public SoapProperties {
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("passerelle.soap.max-request-bytes must be positive");
        }
    }
}
