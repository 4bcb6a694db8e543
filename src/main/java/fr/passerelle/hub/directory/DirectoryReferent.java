package fr.passerelle.hub.directory;

/**
 * A professional of the directory. {@code role} is a {@code ReferentRole} name or {@code TERRITORY_COORDINATOR};
 * {@code structureId} is null while their structure is unknown.
 */
public record DirectoryReferent(long id, String structureId, String role, String firstName, String lastName,
                                String email, String phone) {

    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }
}
