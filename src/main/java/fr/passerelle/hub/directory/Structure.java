package fr.passerelle.hub.directory;

import java.util.List;
import java.util.Set;

/**
 * A structure of the referent directory: who it is, the network partner it belongs to (null outside the network),
 * and the territory and age band it covers.
 */
public record Structure(String id, String name, StructureKind kind, String partnerId, String safirCode, String email,
                        String phone, Integer ageMin, Integer ageMax, Set<String> postalCodes, Set<String> inseeCodes,
                        List<String> aliases, List<String> emailDomains) {

    public Structure {
        postalCodes = Set.copyOf(postalCodes);
        inseeCodes = Set.copyOf(inseeCodes);
        aliases = List.copyOf(aliases);
        emailDomains = List.copyOf(emailDomains);
    }

    /** The INSEE code is the commune itself; a postal code may span several communes, so it is the fallback. */
    public boolean covers(String postalCode, String inseeCode) {
        if (inseeCode != null && inseeCodes.contains(inseeCode)) {
            return true;
        }
        return postalCode != null && postalCodes.contains(postalCode);
    }

    /** An unknown age fits only a structure without an age band. */
    public boolean acceptsAge(Integer age) {
        if (ageMin == null && ageMax == null) {
            return true;
        }
        if (age == null) {
            return false;
        }
        return (ageMin == null || age >= ageMin) && (ageMax == null || age <= ageMax);
    }

    public boolean inNetwork() {
        return partnerId != null;
    }
}
