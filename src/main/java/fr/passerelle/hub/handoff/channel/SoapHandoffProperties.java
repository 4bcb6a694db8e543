package fr.passerelle.hub.handoff.channel;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.handoffs.soap}: how the hub calls the SOAP services of partners whose outbound channel is SOAP
 * (France Travail's {@code recevoirRelais}, contract {@code wsdl/suivi-ft-v1.wsdl}).
 *
 * @param connectTimeout  short, like the webhook's: a dead endpoint holds a delivery worker no longer than this
 * @param receiveTimeout  the longest wait for France Travail's answer once connected
 * @param targets         per partner id: the service URL and the hub's account there (HTTP Basic)
 */
@ConfigurationProperties("passerelle.handoffs.soap")
record SoapHandoffProperties(Duration connectTimeout, Duration receiveTimeout, Map<String, Target> targets) {

    public SoapHandoffProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        receiveTimeout = receiveTimeout == null ? Duration.ofSeconds(20) : receiveTimeout;
        targets = targets == null ? Map.of() : Map.copyOf(targets);
    }

    public record Target(String url, String username, String password) {
    }
}
