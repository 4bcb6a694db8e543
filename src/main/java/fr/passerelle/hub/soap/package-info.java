/** France Travail's SOAP service (contract-first, src/main/resources/wsdl): authentication and the contract's answers. */
package fr.passerelle.hub.soap;
