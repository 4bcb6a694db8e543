package fr.passerelle.hub.canonical;

public enum Sex {
    F, M
}
