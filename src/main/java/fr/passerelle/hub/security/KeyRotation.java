package fr.passerelle.hub.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SECURITY: rotation of the data key (docs/security.md, "Data at rest"). Configure the new key as
 * {@code passerelle.protection.data-key} with a new {@code data-key-id}, the old one as
 * {@code retired-data-key[0]=<old id>:<old key>}, restart, then re-seal ({@code POST /api/v1/ops/privacy/data-keys/reseal},
 * administrators): every module owning sealed columns re-seals them with the new key. Old values stay readable
 * throughout; once the report shows nothing left, the retired key can be removed.
 */
@Component
public class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final List<Resealable> owners;
    private final DataProtector protector;

    public KeyRotation(List<Resealable> owners, DataProtector protector) {
        this.owners = owners;
        this.protector = protector;
    }

    /** Re-seals everything not sealed by the current key; the count per column. */
    public Map<String, Object> resealAll() {
        Map<String, Integer> resealed = new LinkedHashMap<>();
        for (Resealable owner : owners) {
            resealed.put(owner.sealedColumns(), owner.resealWithCurrentKey());
        }
        log.info("Data key rotation: values re-sealed with key {}: {}", protector.currentKeyId(), resealed);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("currentKeyId", protector.currentKeyId());
        report.put("resealed", resealed);
        return report;
    }
}
