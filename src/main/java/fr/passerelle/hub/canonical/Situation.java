package fr.passerelle.hub.canonical;

/** RSA (minimum income), RQTH (recognised disability), education level as partners send it (NV1…NV6). */
public record Situation(Boolean rsa, Boolean rqth, String educationLevel) {
}
