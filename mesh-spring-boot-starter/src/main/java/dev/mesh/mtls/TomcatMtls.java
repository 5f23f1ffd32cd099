package dev.mesh.mtls;

import java.net.InetAddress;

import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import dev.mesh.policy.spec.MtlsMode;

/**
 * Serves the mesh's mTLS modes on Tomcat. The main connector speaks TLS with the mesh's
 * context, provided to Tomcat on its certificate configuration; STRICT requires a client
 * certificate and PERMISSIVE accepts one. Tomcat cannot accept plaintext on a TLS port,
 * so PERMISSIVE also opens a plaintext connector on {@code mesh.mtls.plaintext-port}.
 * STRICT and PERMISSIVE switch live (the connector's SSL configuration is replaced, the
 * plaintext connector started or stopped); to or from DISABLED needs a restart.
 */
final class TomcatMtls implements WebServerFactoryCustomizer<TomcatWebServerFactory>, ServerMtls.Server, Ordered {

	private final ServerMtls mtls;

	private final MeshTlsContexts contexts;

	private final MeshMtlsProperties properties;

	private volatile boolean tls;

	private volatile Connector main;

	private volatile Connector plaintext;

	private InetAddress address;

	private String protocol;

	TomcatMtls(ServerMtls mtls, MeshTlsContexts contexts, MeshMtlsProperties properties) {
		this.mtls = mtls;
		this.contexts = contexts;
		this.properties = properties;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		MtlsMode mode = this.mtls.mode();
		this.address = factory.getAddress();
		this.protocol = factory.getProtocol();
		if (mode != MtlsMode.DISABLED) {
			MeshServerSsl.takeOver(factory, mode);
			this.tls = true;
			factory.addConnectorCustomizers((connector) -> secure(connector, mode));
			if (mode == MtlsMode.PERMISSIVE) {
				factory.addAdditionalConnectors(plaintextConnector(requiredPlaintextPort()));
			}
		}
		this.mtls.attach(this, "tomcat");
	}

	@Override
	public synchronized String apply(MtlsMode from, MtlsMode to) {
		if (!this.tls || this.main == null) {
			return "restart required: Tomcat was started without TLS (DISABLED) and cannot turn it on for a running connector";
		}
		if (to == MtlsMode.DISABLED) {
			return "restart required: Tomcat cannot turn TLS off on a running connector";
		}
		if (to == MtlsMode.PERMISSIVE && this.properties.getPlaintextPort() == null) {
			return "set mesh.mtls.plaintext-port: Tomcat serves the plaintext half of PERMISSIVE on a second port";
		}
		Service service = this.main.getService();
		if (to == MtlsMode.STRICT && this.plaintext != null) {
			service.removeConnector(this.plaintext);
			this.plaintext = null;
		}
		protocol(this.main).addSslHostConfig(hostConfig(protocol(this.main), to), true);
		if (to == MtlsMode.PERMISSIVE && this.plaintext == null) {
			Connector connector = plaintextConnector(this.properties.getPlaintextPort());
			try {
				service.addConnector(connector);
			}
			catch (RuntimeException ex) {
				service.removeConnector(connector);
				this.plaintext = null;
				protocol(this.main).addSslHostConfig(hostConfig(protocol(this.main), from), true);
				return "the plaintext connector on port " + this.properties.getPlaintextPort() + " did not start ("
						+ ex.getMessage() + ")";
			}
		}
		return null;
	}

	@Override
	public Integer plaintextPort() {
		Connector connector = this.plaintext;
		if (connector == null) {
			return null;
		}
		int port = connector.getLocalPort();
		return (port > 0) ? port : null;
	}

	private void secure(Connector connector, MtlsMode mode) {
		AbstractHttp11Protocol<?> protocol = protocol(connector);
		protocol.setSSLEnabled(true);
		protocol.addSslHostConfig(hostConfig(protocol, mode), true);
		connector.setScheme("https");
		connector.setSecure(true);
		this.main = connector;
	}

	private SSLHostConfig hostConfig(AbstractHttp11Protocol<?> protocol, MtlsMode mode) {
		SSLHostConfig config = new SSLHostConfig();
		config.setHostName(protocol.getDefaultSSLHostConfigName());
		config.setCertificateVerification((mode == MtlsMode.STRICT) ? "required" : "optional");
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config,
				SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setSslContext(new TomcatSslContext(this.contexts));
		config.addCertificate(certificate);
		return config;
	}

	private int requiredPlaintextPort() {
		Integer port = this.properties.getPlaintextPort();
		if (port == null) {
			throw new IllegalStateException("mTLS mode PERMISSIVE on Tomcat needs 'mesh.mtls.plaintext-port': "
					+ "Tomcat cannot accept plaintext and TLS on one port, so plaintext is served on a second one");
		}
		return port;
	}

	private Connector plaintextConnector(int port) {
		Connector connector = new Connector(this.protocol);
		connector.setThrowOnFailure(true);
		connector.setPort(port);
		if (this.address != null && connector.getProtocolHandler() instanceof AbstractProtocol<?> handler) {
			handler.setAddress(this.address);
		}
		this.plaintext = connector;
		return connector;
	}

	private static AbstractHttp11Protocol<?> protocol(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)) {
			throw new IllegalStateException("mesh mTLS needs Tomcat's HTTP/1.1 protocol, not "
					+ connector.getProtocolHandler().getClass().getName());
		}
		return protocol;
	}

}
