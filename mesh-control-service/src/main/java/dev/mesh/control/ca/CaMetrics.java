package dev.mesh.control.ca;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of the certificate authority: certificates issued (by credential type) and
 * rejected (by reason), and the authority's own end of validity.
 */
final class CaMetrics implements MeterBinder {

	static final String ISSUED = "mesh.ca.certificates.issued";

	static final String REJECTED = "mesh.ca.certificates.rejected";

	static final String NOT_AFTER = "mesh.ca.not-after";

	private static final String ISSUED_DESCRIPTION = "Certificates issued, by the type of credential presented";

	private final CertificateAuthority authority;

	private volatile @Nullable MeterRegistry registry;

	CaMetrics(CertificateAuthority authority) {
		this.authority = authority;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		Gauge.builder(NOT_AFTER, this.authority, (ca) -> ca.credentials().notAfter().getEpochSecond())
			.description("End of validity of the certificate authority's chain, in seconds since the epoch")
			.baseUnit("seconds")
			.register(meterRegistry);
		Counter.builder(ISSUED).tag("credential", "join-token").description(ISSUED_DESCRIPTION).register(meterRegistry);
		this.registry = meterRegistry;
	}

	void issued(String credentialType) {
		MeterRegistry meterRegistry = this.registry;
		if (meterRegistry != null) {
			Counter.builder(ISSUED)
				.tag("credential", credentialType)
				.description(ISSUED_DESCRIPTION)
				.register(meterRegistry)
				.increment();
		}
	}

	void rejected(String reason) {
		MeterRegistry meterRegistry = this.registry;
		if (meterRegistry != null) {
			Counter.builder(REJECTED)
				.tag("reason", reason)
				.description("Certificate requests refused, by reason")
				.register(meterRegistry)
				.increment();
		}
	}

}
