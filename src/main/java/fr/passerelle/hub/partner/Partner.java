package fr.passerelle.hub.partner;

import java.util.Set;

public record Partner(String id, String name, PartnerKind kind, Set<Channel> inbound, Channel outbound) {

    public Partner {
        inbound = Set.copyOf(inbound);
    }

    public boolean receivesFrom(Channel channel) {
        return inbound.contains(channel);
    }
}
