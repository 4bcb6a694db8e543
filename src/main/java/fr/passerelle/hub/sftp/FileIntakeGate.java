package fr.passerelle.hub.sftp;

import fr.passerelle.hub.cluster.ClusterProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens the file-push intake once the hub is ready. Spring Boot announces readiness right after the
 * {@code ApplicationReadyEvent} listeners have run, among them {@code PayloadIntake.resumeUnfinished}: a file the hub
 * was processing when it stopped is finished by that resume before its route may see it again (as a duplicate),
 * never by the two at once. With several instances ({@code passerelle.cluster.enabled}) the file-push routes start on
 * the leader only, by their {@code leaderOnly} policy; a file an instance was processing is protected by its claim
 * (intake/FileClaims), so the leader's route finding it again leaves it to whoever finishes it.
 */
@Component
class FileIntakeGate {

    private static final Logger log = LoggerFactory.getLogger(FileIntakeGate.class);

    private final SftpPushRoutes routes;
    private final InboxHandOver handOver;
    private final ClusterProperties cluster;
    private boolean opened;

    public FileIntakeGate(SftpPushRoutes routes, InboxHandOver handOver, ClusterProperties cluster) {
        this.routes = routes;
        this.handOver = handOver;
        this.cluster = cluster;
    }

    @EventListener
    public synchronized void onReadiness(AvailabilityChangeEvent<ReadinessState> event) throws Exception {
        if (opened || event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        opened = true;
        if (!cluster.clustered()) {
            routes.startAll();
        }
        handOver.open();
        log.info("File-push intake open");
    }
}
