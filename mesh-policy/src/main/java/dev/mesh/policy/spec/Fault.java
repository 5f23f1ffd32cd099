package dev.mesh.policy.spec;

/**
 * Faults the caller injects into a share of its own requests, before they are sent, to
 * test how the mesh and the application behave when a dependency is slow or failing.
 */
public class Fault {

	/**
	 * Delay a share of requests.
	 */
	private FaultDelay delay;

	/**
	 * Answer a share of requests with an error status without sending them.
	 */
	private FaultAbort abort;

	public FaultDelay getDelay() {
		return this.delay;
	}

	public void setDelay(FaultDelay delay) {
		this.delay = delay;
	}

	public FaultAbort getAbort() {
		return this.abort;
	}

	public void setAbort(FaultAbort abort) {
		this.abort = abort;
	}

}
