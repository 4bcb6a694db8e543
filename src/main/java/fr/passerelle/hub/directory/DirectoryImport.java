package fr.passerelle.hub.directory;

import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the structures file at start-up, in one transaction: a broken file stops start-up with a message naming
 * it, and never leaves half a directory behind.
 */
@Component
class DirectoryImport {

    private static final Logger log = LoggerFactory.getLogger(DirectoryImport.class);

    public DirectoryImport(DirectoryProperties properties, ResourceLoader resources, PartnerRegistry partners,
                           ReferentDirectory directory, TransactionTemplate transactions) {
        Resource resource = resources.getResource(properties.structures());
        String content;
        try (InputStream in = resource.getInputStream()) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidDirectoryException(properties.structures(), "cannot be read (" + e.getMessage() + ")");
        }
        List<StructureCsv.Line> lines = StructureCsv.parse(properties.structures(), content,
                partners.all().stream().map(Partner::id).collect(Collectors.toSet()));
        transactions.executeWithoutResult(status -> lines.forEach(line -> {
            directory.saveStructure(line.structure(), "IMPORT");
            StructureCsv.Contact contact = line.contact();
            if (contact != null) {
                directory.saveReferent(line.structure().id(), contact.role(), contact.firstName(), contact.lastName(),
                        contact.email(), contact.phone(), "IMPORT");
            }
        }));
        log.info("Referent directory: {} structures imported from {}", lines.size(), properties.structures());
    }
}
