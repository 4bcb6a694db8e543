package fr.passerelle.hub.security;

import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sealed columns a module owns, which it re-seals with the current data key when the key is rotated
 * ({@link KeyRotation}). Each module rewrites only its own tables.
 */
public interface Resealable {

    /** What is re-sealed, for the rotation's report (e.g. {@code referral.nir_sealed}). */
    String sealedColumns();

    /** Re-seals every value the current key did not seal; returns how many. Idempotent, resumable. */
    int resealWithCurrentKey();

    /**
     * Runs {@code batch} (which re-seals at most {@code size} values and says how many) in a transaction of its own,
     * again and again until a batch finds fewer than {@code size}; returns how many were re-sealed in all.
     */
    static int inBatches(TransactionTemplate transactions, int size, TransactionCallback<Integer> batch) {
        int total = 0;
        while (true) {
            Integer done = transactions.execute(batch);
            total += done == null ? 0 : done;
            if (done == null || done < size) {
                return total;
            }
        }
    }
}
