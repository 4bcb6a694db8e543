package fr.passerelle.hub.failure;

import java.io.IOException;
import java.sql.SQLTransientException;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which exceptions are the hub's surroundings failing for a while (I/O, database), anywhere in their causes. */
final class TransientFailures {

    private static final List<Class<? extends Throwable>> TRANSIENT = List.of(IOException.class,
            SQLTransientException.class, TransientDataAccessException.class, RecoverableDataAccessException.class,
            DataAccessResourceFailureException.class, CannotCreateTransactionException.class);

    private TransientFailures() {
    }

    static boolean isTransient(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof Failure failure) {
                return failure.kind() == FailureKind.TRANSIENT;
            }
            for (Class<? extends Throwable> type : TRANSIENT) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
