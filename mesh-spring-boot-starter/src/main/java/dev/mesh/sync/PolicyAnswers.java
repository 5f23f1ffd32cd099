package dev.mesh.sync;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mesh.discovery.ControlPlaneClient;
import dev.mesh.policy.delivery.DeliveryApi;
import dev.mesh.policy.delivery.PolicyAck;

/**
 * This instance's answers to the snapshots the control service pushes: ACK or NACK with a
 * reason. An answer that cannot be sent is kept, the latest one only, and sent again when
 * the stream reconnects. Used by the watch thread alone.
 */
final class PolicyAnswers {

	private static final Log logger = LogFactory.getLog(PolicyAnswers.class);

	private final ControlPlaneClient client;

	private final String service;

	private final String instanceId;

	private PolicyAck pending;

	private boolean failing;

	PolicyAnswers(ControlPlaneClient client, String service, String instanceId) {
		this.client = client;
		this.service = service;
		this.instanceId = instanceId;
	}

	/**
	 * Answer a snapshot.
	 * @param version the version of the snapshot
	 * @param reason why it was rejected, {@code null} when it was applied
	 * @throws InterruptedException when interrupted while sending
	 */
	void answer(long version, String reason) throws InterruptedException {
		this.pending = new PolicyAck(this.instanceId, this.service, version, reason == null, reason);
		sendPending();
	}

	/**
	 * Send the answer that could not be sent before, if any.
	 * @throws InterruptedException when interrupted while sending
	 */
	void sendPending() throws InterruptedException {
		PolicyAck answer = this.pending;
		if (answer == null) {
			return;
		}
		try {
			this.client.post(DeliveryApi.ACKS, answer);
			this.pending = null;
			this.failing = false;
		}
		catch (IOException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Cannot answer policy version " + answer.version() + " to the control service at "
						+ this.client.baseUrl() + " (" + ex.getMessage() + "); answering when the stream reconnects");
			}
		}
	}

}
