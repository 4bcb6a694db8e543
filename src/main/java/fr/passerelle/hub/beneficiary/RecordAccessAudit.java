package fr.passerelle.hub.beneficiary;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SPEC §7: an audit trail of who read which record. Written before the record is returned. */
@Component
public class RecordAccessAudit {

    /** REFERENT: a professional reading through a handoff's single-purpose link (handoff/referent). */
    public enum AccessorKind { PARTNER, OPERATOR, REFERENT }

    private final JdbcClient jdbc;

    public RecordAccessAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void recordRead(UUID beneficiaryId, AccessorKind kind, String accessorId, String purpose) {
        jdbc.sql("""
                        insert into record_access (beneficiary_id, accessor_kind, accessor_id, purpose)
                        values (:b, :kind, :who, :purpose)
                        """)
                .param("b", beneficiaryId).param("kind", kind.name()).param("who", accessorId)
                .param("purpose", purpose).update();
    }
}
