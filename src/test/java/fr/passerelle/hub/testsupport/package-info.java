/** What every feature's tests share: the hub under test and its HTTP API, demo credentials, partner samples. */
package fr.passerelle.hub.testsupport;
