package fr.passerelle.hub.beneficiary;

public enum Sex {
    F, M
}
