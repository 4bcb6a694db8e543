package fr.passerelle.hub.mapping;

public enum MappingFormat {
    CSV, XLSX, JSON, XML
}
