package dev.detour.gateway.providers;

/** One model at one configured provider, written {@code provider/model} in config, headers and logs. */
public record DeploymentId(String provider, String model) {

    /** The provider name of models run in the gateway's own process ({@code local/<folder name>}). */
    public static final String LOCAL_PROVIDER = "local";

    public static DeploymentId parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("expected provider/model, got '" + text + "'");
        }
        return new DeploymentId(text.substring(0, slash), text.substring(slash + 1));
    }

    /** Whether this is a local model (the last resort when every remote provider fails). */
    public boolean isLocal() {
        return LOCAL_PROVIDER.equals(provider);
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
