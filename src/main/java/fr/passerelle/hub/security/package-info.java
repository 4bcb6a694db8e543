/** Authentication of partners and operators, hashed credentials, sealing of sensitive data, the production guard. */
package fr.passerelle.hub.security;
