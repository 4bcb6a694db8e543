package fr.passerelle.hub.directory;

import java.util.List;

/**
 * A data·inclusion service covering a person's commune whose thématiques answer a barrier: what a referent needs
 * to point the person to it.
 *
 * @param area how precisely it covers the commune (commune, EPCI, département, France)
 */
public record NearbyService(String serviceId, String name, String structureId, String structureName,
                            List<String> thematiques, List<String> modesMobilisation, String email, String phone,
                            AreaKind area) {

    public NearbyService {
        thematiques = List.copyOf(thematiques);
        modesMobilisation = List.copyOf(modesMobilisation);
    }
}
