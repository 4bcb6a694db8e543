package fr.passerelle.hub.soap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxRequestSize largest SOAP request read (the whole envelope); a larger one is refused before being parsed */
@ConfigurationProperties("passerelle.soap")
record SoapProperties(@DefaultValue("256KB") DataSize maxRequestSize) {

    SoapProperties {
        if (maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException("passerelle.soap.max-request-size must be positive");
        }
    }
}
