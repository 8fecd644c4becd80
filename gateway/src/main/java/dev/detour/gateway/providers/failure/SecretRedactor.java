package dev.detour.gateway.providers.failure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Removes a provider's secrets (API key, configured header values) from text before it can reach a client or a log. */
public final class SecretRedactor {

    private static final String MASK = "[redacted]";
    // Values this short are not secrets worth masking and would mangle ordinary words.
    private static final int MIN_SECRET_LENGTH = 6;

    private final List<String> secrets;

    public SecretRedactor(String apiKey, Collection<String> otherSecrets) {
        List<String> list = new ArrayList<>();
        add(list, apiKey);
        if (otherSecrets != null) {
            otherSecrets.forEach(s -> add(list, s));
        }
        // Longest first, so that a secret containing another is masked whole.
        list.sort((a, b) -> b.length() - a.length());
        this.secrets = List.copyOf(list);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    private static void add(List<String> list, String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            list.add(secret);
            // Providers often echo "Bearer <key>" or a key cut short; the key itself covers both.
        }
    }
}
