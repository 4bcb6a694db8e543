package fr.passerelle.hub.retry;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * {@code {{millis:passerelle.sftp.retry.initial-delay}}} in a route: the duration configured under that key, in
 * milliseconds. Configuration says durations as Spring reads them ({@code 500ms}, {@code 2s}, {@code 1h},
 * {@code PT2S}, or milliseconds); Camel's redelivery options want milliseconds, and some of its endpoint options
 * read {@code PT2S} as 0. Parsed here as Spring parses it, a duration means the same to both.
 */
@Component
public class MillisPlaceholder implements PropertiesFunction, CamelContextConfiguration {

    @Override
    public String getName() {
        return "millis";
    }

    /** Camel hands over the value of the key, not the key. */
    @Override
    public boolean lookupFirst(String remainder) {
        return true;
    }

    @Override
    public String apply(String duration) {
        return String.valueOf(DurationStyle.detectAndParse(duration.trim()).toMillis());
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }
}
