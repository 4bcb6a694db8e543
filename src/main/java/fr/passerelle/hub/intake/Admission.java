package fr.passerelle.hub.intake;

import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.Partner;

/** Who may send what: a partner only on its configured channels, and only in its own mappings. Every channel asks here. */
final class Admission {

    private Admission() {
    }

    static void admit(Partner partner, Channel channel) {
        if (!partner.receivesFrom(channel)) {
            throw new ChannelNotAllowedException();
        }
    }

    static MappingDefinition mapping(MappingDefinition mapping, Partner partner) {
        if (!mapping.partner().equals(partner.id())) {
            throw new ChannelNotAllowedException();
        }
        return mapping;
    }
}
