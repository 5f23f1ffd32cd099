package dev.mesh.bench.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecorderTests {

	@Test
	void keepsEveryUnsuccessfulRequestWithItsKindWhenAsked() {
		Recorder recorder = new Recorder(true);
		recorder.completed(0, 0, 1_000_000, 200, null);
		recorder.completed(1_000_000, 1_000_000, 3_000_000, 502, "ConnectException");
		recorder.completed(2_000_000, 2_000_000, 4_000_000, 503, null);
		recorder.failed(3_000_000, 5_000_000);
		assertThat(recorder.non2xx()).isEqualTo(2);
		assertThat(recorder.failures()).isEqualTo(1);
		assertThat(recorder.errors()).containsExactly(
				new RequestError(1_000_000, 3_000_000, "HTTP 502 ConnectException"),
				new RequestError(2_000_000, 4_000_000, "HTTP 503"),
				new RequestError(3_000_000, 5_000_000, RequestError.CONNECTION_FAILED));
	}

	@Test
	void keepsNoErrorsUnlessAsked() {
		Recorder recorder = new Recorder();
		recorder.completed(0, 0, 1_000_000, 500, "IOException");
		recorder.failed(0, 2_000_000);
		assertThat(recorder.non2xx()).isEqualTo(1);
		assertThat(recorder.errors()).isEmpty();
	}

}
