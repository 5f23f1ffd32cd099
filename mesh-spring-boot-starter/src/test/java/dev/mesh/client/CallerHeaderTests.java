package dev.mesh.client;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.mesh.core.MeshProperties;
import dev.mesh.core.MeshWorkload;
import dev.mesh.identity.MeshIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Mesh clients name their service in the unauthenticated caller header only while the
 * workload has no identity: with one, its certificate names it.
 */
class CallerHeaderTests {

	@Test
	void clientsSendTheCallerHeaderOnlyWithoutWorkloadIdentity() {
		MeshWorkload workload = MeshWorkload.resolve(new MeshProperties(), "storefront");
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		assertThat(MeshClientAutoConfiguration.caller(workload, beans.getBeanProvider(MeshIdentity.class)))
			.isEqualTo("storefront");
		beans.addBean("meshIdentity", mock(MeshIdentity.class));
		assertThat(MeshClientAutoConfiguration.caller(workload, beans.getBeanProvider(MeshIdentity.class))).isNull();
	}

}
