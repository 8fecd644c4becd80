package dev.detour.sim;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Plays a {@link Scenario} against a running sim on one daemon timer thread; close() stops the schedule. */
public final class ScenarioPlayer implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "provider-sim-scenario");
        t.setDaemon(true);
        return t;
    });

    ScenarioPlayer(ProviderSim sim, Scenario scenario) {
        for (Scenario.ModelPlan m : scenario.models()) {
            if (m.contextWindow() != null) {
                sim.model(m.name()).contextWindow(m.contextWindow());
            }
            if (m.fault() != null) {
                sim.fault(m.name(), m.fault());
            }
            for (Scenario.Window w : m.schedule()) {
                schedule(w.from(), scenario.loop(), () -> sim.fault(m.name(), w.fault()));
                if (w.to() != null) {
                    schedule(w.to(), scenario.loop(), () -> sim.clearFaultIf(m.name(), w.fault()));
                }
            }
        }
    }

    private void schedule(Duration at, Duration loop, Runnable action) {
        if (loop == null) {
            timer.schedule(action, at.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            timer.scheduleAtFixedRate(action, at.toMillis(), loop.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
