package fr.passerelle.hub.mapping;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MappingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    RecordMapper recordMapper(Clock clock) {
        return new RecordMapper(clock);
    }
}
