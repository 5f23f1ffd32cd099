package dev.mesh.policy.spec;

/**
 * An error answer injected instead of a share of requests.
 */
public class FaultAbort {

	/**
	 * Share of requests aborted, in percent (0 to 100, fractions allowed).
	 */
	private Double percent;

	/**
	 * HTTP status the aborted requests get, from 400 to 599.
	 */
	private Integer status;

	public Double getPercent() {
		return this.percent;
	}

	public void setPercent(Double percent) {
		this.percent = percent;
	}

	public Integer getStatus() {
		return this.status;
	}

	public void setStatus(Integer status) {
		this.status = status;
	}

}
