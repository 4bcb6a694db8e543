package fr.passerelle.hub.soap;

import fr.passerelle.hub.security.PartnerCredentials;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;

/**
 * Checks a WS-Security UsernameToken against the partners' credentials: the username is the partner id, the
 * password its API key (either of the two keys during a rotation), sent as text.
 *
 * <p>SECURITY: PasswordText, not PasswordDigest: the hub keeps only a hash of each key ({@code partner_credential}),
 * so it could not recompute a digest, and keeping keys in clear to allow it would be worse. The text password is
 * protected by TLS, as the {@code X-Api-Key} header is. A digest is refused rather than accepted unchecked.
 */
final class PartnerUsernameTokens implements Validator {

    private final PartnerCredentials credentials;

    PartnerUsernameTokens(PartnerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        UsernameToken token = credential == null ? null : credential.getUsernametoken();
        if (token == null || token.isHashed() || token.getName() == null || token.getPassword() == null
                || !partnerOwnsKey(token.getName(), token.getPassword())) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        return credential;
    }

    private boolean partnerOwnsKey(String partnerId, String apiKey) {
        return credentials.partnerForApiKey(apiKey).filter(partnerId::equals).isPresent();
    }
}
