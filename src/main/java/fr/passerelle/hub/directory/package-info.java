/** The referent directory: data·inclusion structures and services, the local layer over them, communes, referents. */
package fr.passerelle.hub.directory;
