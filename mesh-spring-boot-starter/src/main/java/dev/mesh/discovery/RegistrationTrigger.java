package dev.mesh.discovery;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Tells the {@link InstanceRegistrar} the ports the web servers bound (port 0 works) and
 * every change of the application's readiness: Spring Boot publishes
 * {@link ReadinessState#ACCEPTING_TRAFFIC} right after the application is ready and
 * {@link ReadinessState#REFUSING_TRAFFIC} when the context starts closing, and an
 * application may publish either itself (for example while it warms a cache).
 */
class RegistrationTrigger implements SmartApplicationListener {

	private final InstanceRegistrar registrar;

	RegistrationTrigger(InstanceRegistrar registrar) {
		this.registrar = registrar;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return WebServerInitializedEvent.class.isAssignableFrom(eventType)
				|| AvailabilityChangeEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof WebServerInitializedEvent initialized) {
			this.registrar.webServerStarted(initialized.getApplicationContext().getServerNamespace(),
					initialized.getWebServer().getPort());
		}
		else if (event instanceof AvailabilityChangeEvent<?> availability
				&& availability.getState() instanceof ReadinessState readiness) {
			this.registrar.readinessChanged(readiness == ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

}
