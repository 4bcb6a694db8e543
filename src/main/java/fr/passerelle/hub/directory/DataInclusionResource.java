package fr.passerelle.hub.directory;

/** The two kinds of data·inclusion records the directory imports, each with its schema file. */
public enum DataInclusionResource {
    STRUCTURE("structure.json"), SERVICE("service.json");

    private final String schemaFile;

    DataInclusionResource(String schemaFile) {
        this.schemaFile = schemaFile;
    }

    String schemaFile() {
        return schemaFile;
    }
}
