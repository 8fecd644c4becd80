package dev.detour.gateway.providers;

/** One model at one configured provider, written {@code provider/model} in config, headers and logs. */
public record DeploymentId(String provider, String model) {

    public static DeploymentId parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("expected provider/model, got '" + text + "'");
        }
        return new DeploymentId(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
