/** The hub's SFTP server: partner accounts, hand-over of complete files to the file-push routes. */
package fr.passerelle.hub.sftp;
