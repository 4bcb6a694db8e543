/** Declarative partner-format mappings: readers (CSV, XLSX, JSON, XML), normalizers and the record mapper. */
package fr.passerelle.hub.mapping;
