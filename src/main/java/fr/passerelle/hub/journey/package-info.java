/** The programme journey of a beneficiary: events, their validation against the journey's state, and its API. */
package fr.passerelle.hub.journey;
