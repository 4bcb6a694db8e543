package fr.passerelle.hub.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Stops every hub of the run after its last test, while the JVM is still up. Spring keeps test contexts until the
 * JVM exits; then the embedded PostgreSQL's own shutdown hook stops the database at the same moment as Spring's hook
 * stops the hub, the hub's timer routes wait for connections that never come, and Camel's graceful shutdown outlasts
 * Surefire's exit timeout (30 s). Stopped here, a hub stops its routes, then its connection pool, then its database.
 */
final class HubsStoppedAfterLastTest implements BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(HubsStoppedAfterLastTest.class);

    @Override
    public void beforeEach(ExtensionContext test) {
        ApplicationContext hub = SpringExtension.getApplicationContext(test);
        // The root store is closed when the whole run is over, before Surefire ends the JVM.
        test.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunningHubs.class, key -> new RunningHubs(),
                RunningHubs.class).add(hub);
    }

    private static final class RunningHubs implements ExtensionContext.Store.CloseableResource {

        private final Set<ApplicationContext> hubs = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<ApplicationContext> started = new ArrayList<>();

        synchronized void add(ApplicationContext hub) {
            if (hubs.add(hub)) {
                started.add(hub);
            }
        }

        @Override
        public synchronized void close() {
            for (int i = started.size() - 1; i >= 0; i--) {
                if (started.get(i) instanceof ConfigurableApplicationContext running && running.isActive()) {
                    running.close();
                }
            }
        }
    }
}
