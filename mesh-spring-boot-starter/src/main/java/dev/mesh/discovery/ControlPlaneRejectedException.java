package dev.mesh.discovery;

import java.io.IOException;

/**
 * The control service answered, but refused the request.
 */
class ControlPlaneRejectedException extends IOException {

	private final int status;

	ControlPlaneRejectedException(String message, int status) {
		super(message);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
