package fr.passerelle.hub.failure;


/** A body over the channel's limit, refused before it is read whole. */
public class PayloadTooLargeException extends HubException {

    public PayloadTooLargeException(long limit) {
        super(FailureKind.TOO_LARGE, "TROP_VOLUMINEUX", "Contenu trop volumineux",
                "contenu de plus de " + limit + " octets");
    }
}
