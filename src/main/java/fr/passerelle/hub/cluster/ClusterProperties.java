package fr.passerelle.hub.cluster;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hub instances share the consumers that must run once (docs/decisions/0005-cluster-service.md).
 *
 * @param enabled             false: one instance, the consumers run here; true: they run on the leader only
 * @param service             when enabled, {@code file}: Camel's file-lock cluster service on a folder every instance
 *                            shares (the files volume); {@code kubernetes}: Camel's Kubernetes lease cluster service,
 *                            which needs the camel-kubernetes starter on the class path
 * @param namespace           the leadership every leader-only route follows
 * @param root                the shared folder of the file-lock service
 * @param instanceId          this instance's name among the others (pod name in Kubernetes); random if empty
 * @param acquireLockDelay    the file-lock service's first try, after start-up
 * @param acquireLockInterval how often a follower tries to become leader; the fail-over time is about this long
 * @param resumeInterval      how often the leader resumes files an instance that died left unfinished
 * @param kubernetes          settings of Camel's KubernetesClusterService (service {@code kubernetes}), bound by name
 */
@ConfigurationProperties("passerelle.cluster")
public record ClusterProperties(boolean enabled, @DefaultValue("file") String service, @DefaultValue("passerelle-consumers") String namespace,
                                String root, String instanceId, @DefaultValue("1s") Duration acquireLockDelay,
                                @DefaultValue("5s") Duration acquireLockInterval,
                                @DefaultValue("30s") Duration resumeInterval, Map<String, String> kubernetes) {

    /** Whether another instance may be running: leader-only routes then wait for the leadership. */
    public boolean clustered() {
        return enabled;
    }
}
