package dev.mesh.gateway.netty;

import java.util.Properties;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import reactor.netty.ReactorNetty;

/**
 * Gives Reactor Netty as many event loops as the JVM has CPUs
 * ({@link Runtime#availableProcessors()}, which honours cgroup limits and CPU affinity),
 * or {@value #EVENT_LOOPS}, instead of its default of at least four. On fewer CPUs than
 * loops a proxied request is handed between threads: its pooled backend connection
 * usually sits on another loop than the client's connection.
 * <p>
 * The loops are Reactor Netty's global resources, which the server runs on (Spring Boot's
 * {@code ReactorResourceFactory} uses them), as do Spring Cloud Gateway's routing client,
 * every other client without loops of its own and their DNS resolver. Their size is the
 * {@value ReactorNetty#IO_WORKER_COUNT} system property, read once, when Reactor Netty
 * first creates loops; no bean can change it (the factory's global resources consumer
 * gets the resources already made, and replacing the global loops would dispose the ones
 * other application contexts of the JVM serve on). So this sets that property, as soon as
 * the configuration is known and before any bean is created; a value already set, by the
 * user, wins.
 */
final class EventLoopsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Property giving the number of event loops.
	 */
	static final String EVENT_LOOPS = "mesh.gateway.event-loops";

	private final Log logger;

	EventLoopsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EventLoopsEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		apply(environment, System.getProperties(), Runtime.getRuntime().availableProcessors());
	}

	void apply(ConfigurableEnvironment environment, Properties systemProperties, int cpus) {
		// Without placeholder resolution: nothing user-provided is evaluated
		Integer configured = new Binder(ConfigurationPropertySources.get(environment)).bind(EVENT_LOOPS, Integer.class)
			.orElse(null);
		if (configured != null && configured < 1) {
			throw new InvalidConfigurationPropertyValueException(EVENT_LOOPS, configured, "Must be at least 1.");
		}
		String set = systemProperties.getProperty(ReactorNetty.IO_WORKER_COUNT);
		if (set != null) {
			if (configured != null && !set.equals(configured.toString())) {
				this.logger.warn("Ignoring " + EVENT_LOOPS + "=" + configured + ": the " + ReactorNetty.IO_WORKER_COUNT
						+ " system property is " + set);
			}
			return;
		}
		systemProperties.setProperty(ReactorNetty.IO_WORKER_COUNT,
				Integer.toString((configured != null) ? configured : cpus));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
