/** The local run's own SMTP server: catches the hub's e-mails so the whole loop works with nothing installed. */
package fr.passerelle.hub.localmail;
