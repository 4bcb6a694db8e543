/** The canonical model: immutable values every module speaks (the referral, identity, contact, field issue…); depends on nothing. */
package fr.passerelle.hub.canonical;
