package dev.detour.gateway;

import dev.detour.gateway.cli.ModelsCommand;
import dev.detour.gateway.config.ConfigException;
import dev.detour.gateway.config.ConfigSource;
import dev.detour.gateway.config.LoadedConfig;
import dev.detour.gateway.config.ServerConfig;
import dev.detour.gateway.providers.ProviderAdapters;
import dev.detour.gateway.server.DetourServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code detour} command: loads the configuration and runs the gateway until it is stopped. */
@Command(name = "detour", mixinStandardHelpOptions = true, version = "Detour 0.1.0",
        description = "An OpenAI-compatible LLM gateway with tiered failover.",
        subcommands = ModelsCommand.class)
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Option(names = {"-c", "--config"}, description = "detour.yaml to load (default: $DETOUR_CONFIG, then ./detour.yaml, "
            + "then providers found from environment variables)")
    Path config;

    @Option(names = "--host", description = "address to listen on (overrides server.host)")
    String host;

    @Option(names = {"-p", "--port"}, description = "port to listen on, 0 for any free one (overrides server.port)")
    Integer port;

    public static void main(String[] args) {
        // `mvn -Prun` passes an empty argument when no options are given; it means nothing.
        String[] real = java.util.Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new);
        int exit = new CommandLine(new Main()).execute(real);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        LoadedConfig loaded;
        try {
            loaded = ConfigSource.resolve(config, System.getenv(), Path.of("").toAbsolutePath()).load(System.getenv());
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return 2;
        }
        loaded.notes().forEach(note -> log.info("{}", note));
        ServerConfig server = loaded.config().server();
        ServerConfig effective = new ServerConfig(host != null ? host : server.host(),
                port != null ? port : server.port(), server.maxBodyBytes(), server.dataDir());
        ProviderAdapters adapters = new ProviderAdapters();
        DetourServer running = DetourServer.start(loaded.config().withServer(effective), adapters);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            running.close();
            adapters.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
