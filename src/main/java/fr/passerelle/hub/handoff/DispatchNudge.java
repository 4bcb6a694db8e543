package fr.passerelle.hub.handoff;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the dispatcher when a transaction that wrote handoffs commits, instead of leaving them until the next tick of
 * routes/handoff-dispatch.yaml (2 s): the event-to-delivery latency is then the delivery's own. One wake-up per
 * transaction, run off the committing thread, and wake-ups that pile up while one is under way count as one. The
 * tick stays: retries, other instances' handoffs and anything a wake-up missed are found there.
 */
@Component
class DispatchNudge {

    private static final Object WRITTEN = new Object();

    private final ExecutorService waker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "handoff-dispatch-nudge");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Runnable dispatcher = () -> { };

    void wake(Runnable dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** A handoff was written in the current transaction: wake the dispatcher once it commits. */
    void handoffWritten() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            nudge();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(WRITTEN)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(WRITTEN, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WRITTEN);
                if (status == STATUS_COMMITTED) {
                    nudge();
                }
            }
        });
    }

    /** Wakes the dispatcher now (a worker gave back its place with more handoffs waiting for its endpoint). */
    void wakeNow() {
        nudge();
    }

    private void nudge() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                pending.set(false);
                dispatcher.run();
            });
        } catch (RejectedExecutionException shuttingDown) {
            pending.set(false);
        }
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }
}
