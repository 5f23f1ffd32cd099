package dev.mesh.discovery;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Tells the {@link InstanceRegistrar} the ports the web servers bound (port 0 works) and
 * when the application is ready to take traffic.
 */
class RegistrationTrigger implements SmartApplicationListener {

	private final InstanceRegistrar registrar;

	RegistrationTrigger(InstanceRegistrar registrar) {
		this.registrar = registrar;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return WebServerInitializedEvent.class.isAssignableFrom(eventType)
				|| ApplicationReadyEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof WebServerInitializedEvent initialized) {
			this.registrar.webServerStarted(initialized.getApplicationContext().getServerNamespace(),
					initialized.getWebServer().getPort());
		}
		else if (event instanceof ApplicationReadyEvent) {
			this.registrar.applicationReady();
		}
	}

}
