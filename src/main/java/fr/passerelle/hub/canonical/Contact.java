package fr.passerelle.hub.canonical;

import java.util.List;

/** How to reach the person: e-mail and phones in E.164. */
public record Contact(String email, List<String> phones) {

    public Contact {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    public boolean empty() {
        return email == null && phones.isEmpty();
    }
}
