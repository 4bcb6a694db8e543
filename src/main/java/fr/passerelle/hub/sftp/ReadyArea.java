package fr.passerelle.hub.sftp;

import fr.passerelle.hub.partner.PartnerFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.stereotype.Component;

/**
 * The hub-private area files wait in once fully written, {@code <files root>/.ready/<partner id>/}, beside the
 * archive {@code <files root>/.processed/}. Neither is inside a partner's home, so a partner can neither alter a file
 * being processed nor see another's.
 *
 * <p>Route files address both as {@code {{passerelle.sftp.ready-area}}} and {@code {{passerelle.sftp.processed-area}}}:
 * they are published to Camel from {@link PartnerFolders#root()}, resolved once, rather than read again from
 * {@code passerelle.files.root} (which may hold a placeholder that resolves differently each time, as in tests).
 */
@Component
class ReadyArea implements CamelContextConfiguration {

    public static final String READY_AREA_PROPERTY = "passerelle.sftp.ready-area";
    public static final String PROCESSED_AREA_PROPERTY = "passerelle.sftp.processed-area";

    private final PartnerFolders folders;

    public ReadyArea(PartnerFolders folders) {
        this.folders = folders;
    }

    public Path root() {
        return folders.root().resolve(".ready");
    }

    public Path folder(String partnerId) {
        // The partner's home is checked to stay inside the files root; its last segment is the partner id.
        String partnerFolder = folders.home(partnerId).getFileName().toString();
        try {
            return Files.createDirectories(root().resolve(partnerFolder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the ready area of " + partnerId, e);
        }
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getPropertiesComponent().addOverrideProperty(READY_AREA_PROPERTY, root().toString());
        camelContext.getPropertiesComponent().addOverrideProperty(PROCESSED_AREA_PROPERTY,
                folders.root().resolve(".processed").toString());
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
    }
}
