package fr.passerelle.hub.intake;

/** The partner is not configured to send referrals through this channel. */
public class ChannelNotAllowedException extends RuntimeException {

    public ChannelNotAllowedException(String partnerId, String channel) {
        super("partner " + partnerId + " may not use channel " + channel);
    }
}
