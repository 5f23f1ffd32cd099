package dev.mesh.bench.results;

/**
 * Time to ready of one app start.
 *
 * @param variant {@code plain} (without the starter) or {@code mesh} (with it)
 * @param rep the repetition, from 1
 * @param readyMillis from the launch of the JVM until the first successful response of
 * the app's endpoint (which calls the backend)
 * @param startedMillis what Spring Boot logged as "Started … in", or -1
 * @param jvmMillis what Spring Boot logged as "process running for", or -1
 */
public record StartupSample(String variant, int rep, double readyMillis, double startedMillis, double jvmMillis) {

}
