package dev.detour.bench;

import java.util.List;

/**
 * The library or part of the JDK a stack frame belongs to, for saying where the gateway's time goes. Generic JDK
 * code (collections, NIO, strings) owns nothing: its time goes to the nearest caller that is a component.
 */
enum Component {
    DETOUR("Detour gateway code", "dev.detour."),
    JACKSON("Jackson (JSON)", "com.fasterxml.jackson."),
    LANGCHAIN4J("LangChain4j (OpenAI adapter, its HTTP client glue)", "dev.langchain4j."),
    JDK_HTTP_CLIENT("JDK HttpClient (calls to the sim)", "jdk.internal.net.http.", "java.net.http."),
    JETTY("Jetty (HTTP server)", "org.eclipse.jetty."),
    JAVALIN("Javalin", "io.javalin."),
    LOGGING("Logging (slf4j, logback)", "org.slf4j.", "ch.qos.logback."),
    KOTLIN("Kotlin stdlib (under Javalin)", "kotlin."),
    CONCURRENCY("JDK virtual threads, locks, queues, executors", "java.lang.VirtualThread", "java.util.concurrent.",
            "jdk.internal.vm.Continuation", "jdk.internal.misc.Unsafe.park"),
    JDK_OTHER("JDK other (no library frame above)");

    private final String description;
    private final List<String> prefixes;

    Component(String description, String... prefixes) {
        this.description = description;
        this.prefixes = List.of(prefixes);
    }

    String description() {
        return description;
    }

    /** The component owning a frame of {@code method} (a "class.method" name), or null for generic JDK code. */
    static Component of(String method) {
        for (Component c : values()) {
            for (String prefix : c.prefixes) {
                if (method.startsWith(prefix)) {
                    return c;
                }
            }
        }
        return null;
    }
}
