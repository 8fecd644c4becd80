package dev.detour.gateway.cli;

import picocli.CommandLine.Command;

/** {@code detour models}: manage the local models folder. */
@Command(name = "models", mixinStandardHelpOptions = true, subcommands = PullCommand.class,
        description = "Manage local models (see models/README.md).")
public final class ModelsCommand {
}
