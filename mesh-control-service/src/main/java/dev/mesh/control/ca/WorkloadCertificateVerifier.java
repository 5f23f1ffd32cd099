package dev.mesh.control.ca;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import dev.mesh.control.workload.PeerCertificateVerifier;
import dev.mesh.policy.identity.CertificateApi;
import dev.mesh.policy.identity.SpiffeId;
import dev.mesh.policy.identity.WorkloadCertificates;
import dev.mesh.policy.identity.WorkloadCertificates.Role;

/**
 * Checks a client's certificate as a workload certificate of this authority, at the time
 * of each request: exactly one URI SAN with a SPIFFE ID of the trust domain,
 * {@code CA:false}, {@code clientAuth}, a chain to the root valid now. The control
 * service's own identity is not a workload.
 */
final class WorkloadCertificateVerifier implements PeerCertificateVerifier {

	private final CertificateAuthority authority;

	private final Clock clock;

	WorkloadCertificateVerifier(CertificateAuthority authority, Clock clock) {
		this.authority = authority;
		this.clock = clock;
	}

	@Override
	public SpiffeId verify(List<X509Certificate> chain) throws CertificateException {
		SpiffeId id = WorkloadCertificates.verify(chain, List.of(this.authority.credentials().root()),
				this.authority.trustDomain(), Role.CLIENT, this.clock.instant());
		if (id.equals(CertificateApi.controlServiceId(this.authority.trustDomain()))) {
			throw new CertificateException(id + " is the control service's own identity, not a workload's");
		}
		return id;
	}

}
