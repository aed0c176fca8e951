package org.backpropgrader.grader.junit;

import java.util.List;
import org.backpropgrader.grader.model.ExerciseResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs one grading request through the JUnit Platform Launcher and returns what the listener recorded. */
public final class GradingLauncher {
    private GradingLauncher() {}

    public static List<ExerciseResult> run(GradingRequest request) {
        String key = GradingRequests.register(request);
        // Our engine only, registered explicitly: no class-path scanning for other engines on every run.
        LauncherConfig config = LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestEngines(new GradingTestEngine())
                .build();
        try (LauncherSession session = LauncherFactory.openSession(config)) {
            LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectUniqueId(UniqueId.forEngine(GradingTestEngine.ID)))
                    .filters(EngineFilter.includeEngines(GradingTestEngine.ID))
                    .configurationParameter(GradingTestEngine.REQUEST_KEY, key)
                    .build();
            GradeListener listener = new GradeListener(request.policy(), request.exercises());
            session.getLauncher().execute(discovery, listener);
            return listener.results();
        } finally {
            GradingRequests.unregister(key);
        }
    }
}
