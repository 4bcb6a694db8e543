package fr.passerelle.hub.ops;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camel in {@code /actuator/health}, split by what a failure means.
 * <ul>
 * <li>{@code camel} (readiness): the Camel context is started, so partners' REST, SOAP and SFTP traffic is taken.</li>
 * <li>{@code camelRoutes}: every route and consumer check of Camel (route:…, consumer:…), one detail each. A pulled
 * feed's consumer is DOWN until its first good poll and after repeated failures; a partner's server away is an
 * optional peer broken, so the component is then {@code DEGRADED} (answered 200), never the hub down.</li>
 * </ul>
 * camel-spring-boot's own components ({@code camelHealth}, {@code camelReadinessState}) fold consumer checks into a
 * DOWN of the whole hub: an unreachable France Travail SFTP server made the hub answer 503. They are taken out of the
 * registry once it is built; alerts still watch each Camel check one by one (alert/AlertConditions).
 */
@Configuration(proxyBeanMethods = false)
class CamelHealthComponents {

    static final Status DEGRADED = new Status("DEGRADED", "une route ou un consommateur Camel est arrêté");

    /** Components of camel-spring-boot replaced by the two below. */
    private static final String[] REPLACED = {"camelHealth", "camelReadinessState"};

    @Bean("camelHealthIndicator")
    AbstractHealthIndicator camelContextHealth(CamelContext camel) {
        return new AbstractHealthIndicator("Camel context check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                ServiceStatus status = camel.getStatus();
                builder.status(status == ServiceStatus.Started ? Status.UP : Status.DOWN)
                        .withDetail("context", camel.getName()).withDetail("state", status.name());
            }
        };
    }

    @Bean("camelRoutesHealthIndicator")
    AbstractHealthIndicator camelRoutesHealth(CamelContext camel) {
        return new AbstractHealthIndicator("Camel route checks failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                Predicate<String> routeOrConsumer = id -> id.startsWith("route:") || id.startsWith("consumer:");
                Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(camel);
                Map<String, Object> checks = new LinkedHashMap<>();
                boolean anyDown = false;
                for (HealthCheck.Result result : results) {
                    String id = result.getCheck().getId();
                    if (!routeOrConsumer.test(id)) {
                        continue;
                    }
                    checks.put(id, result.getState().name());
                    anyDown |= result.getState() == HealthCheck.State.DOWN;
                }
                builder.status(anyDown ? DEGRADED : Status.UP).withDetails(checks);
            }
        };
    }

    @Bean
    SmartInitializingSingleton replaceCamelAggregateHealth(HealthContributorRegistry registry) {
        return () -> {
            for (String name : REPLACED) {
                registry.unregisterContributor(name);
            }
        };
    }
}
