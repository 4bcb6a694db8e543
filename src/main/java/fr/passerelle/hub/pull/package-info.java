/** Feeds the hub pulls: partners' APIs (with a checkpoint) and files on partners' SFTP servers. */
package fr.passerelle.hub.pull;
