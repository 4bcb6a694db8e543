package fr.passerelle.hub.directory;

import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Imports the configured data·inclusion files at start-up, structures first, then assembles the directory with the
 * local layer. A file that is not data·inclusion JSON or CSV at all stops start-up with a message naming it; a bad
 * record in it is reported and skipped like in any import.
 */
@Component
class DirectoryImport {

    DirectoryImport(DirectoryProperties properties, ResourceLoader resources, DataInclusionImport imports,
                    DirectoryAssembly assembly) {
        for (String location : properties.structures()) {
            imports.importFile(location, DataInclusionResource.STRUCTURE, DirectoryFiles.bytes(resources, location));
        }
        for (String location : properties.services()) {
            imports.importFile(location, DataInclusionResource.SERVICE, DirectoryFiles.bytes(resources, location));
        }
        assembly.assemble();
    }
}
