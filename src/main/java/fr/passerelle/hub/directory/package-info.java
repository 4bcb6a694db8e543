/** The referent directory: structures, the communes and people they cover, named referents. */
package fr.passerelle.hub.directory;
