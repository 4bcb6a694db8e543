package fr.passerelle.hub.cluster;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The routes that must run on one instance at a time (file-push and pull consumers) carry the route policy
 * {@code leaderOnly}. Alone ({@code passerelle.cluster.enabled=false}) it does nothing. Clustered, it is Camel's
 * {@link ClusteredRoutePolicy}: the routes start on the instance that holds the leadership of
 * {@code passerelle.cluster.namespace} in the configured cluster service, stop when it loses it, and start on the
 * next leader when it dies. No election code of ours: the lock is the cluster service's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);
    private static final String KUBERNETES_CLUSTER_SERVICE =
            "org.apache.camel.component.kubernetes.cluster.KubernetesClusterService";

    @Bean
    RoutePolicy leaderOnly(ClusterProperties properties) throws Exception {
        if (!properties.clustered()) {
            return new RoutePolicySupport() {
            };
        }
        return ClusteredRoutePolicy.forNamespace(properties.namespace());
    }

    /**
     * The local multi-instance run: leadership is an OS file lock in a folder every instance shares (the files volume
     * already is), released by the OS when the holder dies. Needs no server of its own.
     */
    @Bean
    @ConditionalOnExpression("${passerelle.cluster.enabled:false} and '${passerelle.cluster.service:file}' == 'file'")
    FileLockClusterService fileLockClusterService(ClusterProperties properties,
                                                  @Value("${passerelle.files.root}") String filesRoot) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId(instanceId(properties));
        service.setRoot(properties.root() == null || properties.root().isBlank()
                ? Path.of(filesRoot, ".cluster").toAbsolutePath().toString() : properties.root());
        service.setAcquireLockDelay(properties.acquireLockDelay().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        service.setAcquireLockInterval(properties.acquireLockInterval().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return service;
    }

    /** The cluster service joins the Camel context before the routes start, so their policy finds it. */
    @Bean
    CamelContextConfiguration clusterServiceRegistration(ClusterProperties properties,
                                                         ObjectProvider<CamelClusterService> services) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                CamelClusterService service = services.getIfAvailable();
                if (service == null && properties.clustered() && "kubernetes".equals(properties.service())) {
                    service = kubernetes(camelContext, properties);
                }
                if (properties.clustered() && service == null) {
                    throw new IllegalStateException("passerelle.cluster.enabled with service " + properties.service()
                            + " but no such cluster service is configured (docs/decisions/0005-cluster-service.md)");
                }
                if (service != null && !camelContext.hasService(service)) {
                    try {
                        camelContext.addService(service);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot register the cluster service", e);
                    }
                    log.info("Leader-only routes follow {} (namespace {}, instance {})",
                            service.getClass().getSimpleName(), properties.namespace(), service.getId());
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing: the policy starts the routes when this instance becomes leader
            }
        };
    }

    /**
     * Production on Kubernetes: Camel's {@code KubernetesClusterService}, leadership held as a coordination.k8s.io
     * Lease renewed by the leader (deploy/k8s/rbac.yaml lets the pods use Leases). Its class comes with the
     * camel-kubernetes starter ({@code ./mvnw package -Pkubernetes}); settings from
     * {@code passerelle.cluster.kubernetes.*} are bound by Camel onto the service (e.g. {@code kubernetesNamespace},
     * {@code podName}, {@code leaseDurationMillis}, {@code renewDeadlineMillis}, {@code retryPeriodMillis}).
     */
    private static CamelClusterService kubernetes(CamelContext camelContext, ClusterProperties properties) {
        Class<?> type;
        try {
            type = Class.forName(KUBERNETES_CLUSTER_SERVICE);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("passerelle.cluster.service=kubernetes needs the camel-kubernetes starter: "
                    + "build with ./mvnw package -Pkubernetes (docs/decisions/0005-cluster-service.md)", e);
        }
        CamelClusterService service = (CamelClusterService) camelContext.getInjector().newInstance(type);
        Map<String, Object> settings = new HashMap<>(properties.kubernetes() == null ? Map.of() : properties.kubernetes());
        settings.putIfAbsent("podName", instanceId(properties));
        settings.putIfAbsent("leaseResourceType", "Lease");
        PropertyBindingSupport.build().withCamelContext(camelContext).withTarget(service).withProperties(settings)
                .withMandatory(true).withIgnoreCase(true).withRemoveParameters(false).bind();
        return service;
    }

    private static String instanceId(ClusterProperties properties) {
        return properties.instanceId() == null || properties.instanceId().isBlank()
                ? "passerelle-" + UUID.randomUUID() : properties.instanceId();
    }
}
